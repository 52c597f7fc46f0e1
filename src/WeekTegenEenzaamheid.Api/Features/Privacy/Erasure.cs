using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// What an erasure did, in counts; also what <c>privacy_requests</c> keeps of it.
/// <c>kitOrdersKeptUntilDelivery</c>: orders on their way keep their address; the retention job erases it later.
/// <c>staffAccountsKept</c>: a staff member who can still sign in keeps name and address (revoke first, then erase
/// again); a revoked one loses them (<c>staffAccountsErased</c>).
/// </summary>
public sealed record ErasureCounts(
    int SignUpsCancelled,
    int SignUpsErased,
    int ActivitiesCancelled,
    int ContactsErased,
    int KitOrderAddressesErased,
    int KitOrdersKeptUntilDelivery,
    int EmailsDeleted,
    int StaffAccountsErased = 0,
    int StaffAccountsKept = 0)
{
    /// <summary>The counts by their JSON names, for the request record.</summary>
    public IReadOnlyDictionary<string, int> ToDictionary() => new Dictionary<string, int>
    {
        ["signUpsCancelled"] = SignUpsCancelled,
        ["signUpsErased"] = SignUpsErased,
        ["activitiesCancelled"] = ActivitiesCancelled,
        ["contactsErased"] = ContactsErased,
        ["kitOrderAddressesErased"] = KitOrderAddressesErased,
        ["kitOrdersKeptUntilDelivery"] = KitOrdersKeptUntilDelivery,
        ["emailsDeleted"] = EmailsDeleted,
        ["staffAccountsErased"] = StaffAccountsErased,
        ["staffAccountsKept"] = StaffAccountsKept,
    };
}

/// <summary>
/// The steps of an erasure, in the caller's transaction, shared by the programme office's erasure and the self-service
/// ones. Each step is safe to repeat: it changes only what still holds personal data. The SET clauses are the retention
/// job's (<see cref="RetentionJob.ErasedSignUp"/> and the others), so erased data looks the same whoever erased it.
/// </summary>
public sealed class Erasure(DbSession session, Seats seats, IMediator mediator, TimeProvider clock)
{
    private const string EraseSignUp = $"""
        UPDATE registrations SET {RetentionJob.ErasedSignUp} WHERE id = @Id AND erased_at IS NULL
        """;

    private const string EraseContact = $"""
        UPDATE activities SET {RetentionJob.ErasedContact}
        WHERE id = @Id AND (contact_name IS NOT NULL OR contact_email IS NOT NULL OR phone IS NOT NULL)
        """;

    private const string EraseDeliveryAddress = $"""
        UPDATE kit_orders SET {RetentionJob.ErasedDeliveryAddress} WHERE id = @Id AND status = @Status AND recipient <> ''
        """;

    // Only a revoked member: an erasure must not lock out someone who still works for the programme, nor leave a key
    // without a name while it still opens the API. The key hash, role and dates stay (no personal data).
    private const string EraseRevokedStaff = $"""
        UPDATE staff_keys SET name = '{ErasedStaffName}', email = NULL, email_key = NULL
        WHERE id = @Id AND revoked_at IS NOT NULL AND (email IS NOT NULL OR email_key IS NOT NULL OR name <> '{ErasedStaffName}')
        """;

    // Rows written before 0014 name the member as text (since then they keep staff_id and join the name when read). Only
    // when no other member has the same name: the text could be theirs, and it names no one in particular then.
    private const string OtherMembersWithTheName = """
        SELECT COUNT(1) FROM staff_keys WHERE name = @Name AND id <> @Id
        """;

    private const string EraseOldPickBatchNames = $"""
        UPDATE pick_batches SET created_by = '{ErasedStaffName}' WHERE staff_id IS NULL AND created_by = @Name
        """;

    private const string EraseOldReceiptNames = $"""
        UPDATE kit_stock_receipts SET booked_by = '{ErasedStaffName}' WHERE staff_id IS NULL AND booked_by = @Name
        """;

    // The two forms RecordShipment and CancelKitOrderByStaff wrote: "… (by name)" and "cancelled by staff (name): …".
    // Reads the whole history once per erased member; erasures of staff members are rare. A short name becomes the longer
    // "(gewist)", so a note of nearly 500 characters (the column's size) is cut there rather than fail the erasure.
    private const string EraseOldHistoryNames = """
        UPDATE kit_order_history
        SET note = SUBSTRING(REPLACE(REPLACE(note, @ShippedBy, @ShippedByErased), @CancelledBy, @CancelledByErased), 1, 500)
        WHERE staff_id IS NULL AND note IS NOT NULL
            AND note <> REPLACE(REPLACE(note, @ShippedBy, @ShippedByErased), @CancelledBy, @CancelledByErased)
        """;

    private const string DeleteEmail = """
        DELETE FROM outbox_messages WHERE id = @Id
        """;

    // Every idempotency key names the sign-up, activity or kit order its e-mail is about (ParticipantEmails, ActivityEmails).
    private const string DeleteEmailsAbout = """
        DELETE FROM outbox_messages WHERE idempotency_key LIKE @Pattern
        """;

    /// <summary>The name a revoked staff member's row keeps once erased (the column is NOT NULL).</summary>
    public const string ErasedStaffName = "(gewist)";

    /// <summary>States in which a kit order's journey is over, so its delivery address is no longer needed.</summary>
    public static readonly string[] DeliveryOver = [KitOrderStatus.Delivered, KitOrderStatus.DeliveryFailed, KitOrderStatus.Cancelled];

    /// <summary>
    /// Cancels the sign-up as the participant would (seats freed, the waitlist promoted) when it is active and its activity
    /// is published and has not started; true when it did.
    /// </summary>
    public async Task<bool> CancelIfUpcomingAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        var registration = await SignUpStore.FindAsync(session, registrationId, cancellationToken);
        if (registration is not { Status: SignUpStatus.Confirmed or SignUpStatus.Waitlisted })
        {
            return false;
        }

        var activity = (await seats.LockActivityAsync(registration.ActivityId, cancellationToken))!;
        var now = clock.GetUtcNow();
        if (activity.Status != ActivityStatus.Published || now >= activity.StartsAt)
        {
            return false;
        }

        // Read again under the lock: a promotion may have confirmed it in the meantime.
        registration = (await SignUpStore.FindAsync(session, registrationId, cancellationToken))!;
        await CancelSignUp.CancelLockedAsync(session, seats, registration, now, cancellationToken);
        return true;
    }

    /// <summary>Erases the sign-up's name and address, and with them its cancel tokens; true when there was something to erase.</summary>
    public async Task<bool> EraseSignUpAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        var erased = await session.ExecuteAsync(EraseSignUp, new { Id = registrationId, Now = clock.GetUtcNow() }, cancellationToken) == 1;
        await session.ExecuteAsync(RetentionJob.DeleteErasedTokens, null, cancellationToken);
        return erased;
    }

    /// <summary>
    /// Cancels a pending or published activity that has not started, with the usual notices to its participants and the
    /// cancellation of an unshipped kit order; true when it did.
    /// </summary>
    public async Task<bool> CancelIfUpcomingAsync(ContactRecord activity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return activity.Status is ActivityStatus.PendingVerification or ActivityStatus.Published
            && now < activity.StartsAt
            && await CancelActivity.CancelAsync(session, mediator, activity.Id, now, cancellationToken);
    }

    /// <summary>Erases the activity's contact name, address and phone; true when there was something to erase.</summary>
    public async Task<bool> EraseContactAsync(Guid activityId, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(EraseContact, new { Id = activityId }, cancellationToken) == 1;

    /// <summary>
    /// Erases the delivery details of orders whose journey is over (<see cref="DeliveryOver"/>); an order still on its way
    /// keeps them. Read the orders after any cancellation, whose kit order it may have cancelled.
    /// </summary>
    public async Task<(int Erased, int Kept)> EraseDeliveryAddressesAsync(
        IEnumerable<KitOrderRecord> orders, CancellationToken cancellationToken)
    {
        var (erased, kept) = (0, 0);
        foreach (var order in orders.Where(order => order.Recipient.Length > 0))
        {
            if (!DeliveryOver.Contains(order.Status))
            {
                kept++;
                continue;
            }

            erased += await session.ExecuteAsync(EraseDeliveryAddress, new { order.Id, order.Status }, cancellationToken);
        }

        return (erased, kept);
    }

    /// <summary>
    /// Erases the name and sign-in address of the revoked staff members among <paramref name="staff"/>, and their name where
    /// rows older than 0014 hold it as text (pick batches, stock receipts, kit order history), unless another member has the
    /// same name; members who can still sign in are kept as they are and counted, so the office can revoke them and erase
    /// again.
    /// </summary>
    public async Task<(int Erased, int Kept)> EraseStaffAccountsAsync(
        IEnumerable<StaffRecord> staff, CancellationToken cancellationToken)
    {
        var (erased, kept) = (0, 0);
        foreach (var member in staff)
        {
            if (member.RevokedAt is null)
            {
                kept++;
                continue;
            }

            await EraseOldNamesAsync(member, cancellationToken);
            erased += await session.ExecuteAsync(EraseRevokedStaff, new { member.Id }, cancellationToken);
        }

        return (erased, kept);
    }

    private async Task EraseOldNamesAsync(StaffRecord member, CancellationToken cancellationToken)
    {
        if (member.Name == ErasedStaffName
            || await session.ExecuteScalarAsync<int>(OtherMembersWithTheName, new { member.Name, member.Id }, cancellationToken) > 0)
        {
            return;
        }

        await session.ExecuteAsync(EraseOldPickBatchNames, new { member.Name }, cancellationToken);
        await session.ExecuteAsync(EraseOldReceiptNames, new { member.Name }, cancellationToken);
        var cancelled = KitOrderHistoryRow.CancelledByStaff;
        await session.ExecuteAsync(EraseOldHistoryNames, new
        {
            ShippedBy = $" (by {member.Name})",
            ShippedByErased = $" (by {ErasedStaffName})",
            CancelledBy = $"{cancelled} ({member.Name}):",
            CancelledByErased = $"{cancelled} ({ErasedStaffName}):",
        }, cancellationToken);
    }

    /// <summary>Deletes the e-mails from the outbox, sent or not; the number deleted.</summary>
    public async Task<int> DeleteEmailsAsync(IEnumerable<EmailRecord> emails, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var email in emails)
        {
            deleted += await session.ExecuteAsync(DeleteEmail, new { email.Id }, cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// Deletes the e-mails about one sign-up, activity or kit order (named by its id in the idempotency key); the number
    /// deleted.
    /// </summary>
    public async Task<int> DeleteEmailsAboutAsync(Guid id, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(DeleteEmailsAbout, new { Pattern = $"%{id}%" }, cancellationToken);
}
