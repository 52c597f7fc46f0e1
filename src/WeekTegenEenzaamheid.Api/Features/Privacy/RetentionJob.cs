using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// Keeps no personal data longer than needed. Safe to run twice: each step deletes or erases only
/// what is still due. Sign-ups are erased, not deleted: the row keeps its party size and status, so
/// the counts in reports and the owner's list survive. Kit orders lose their delivery address (recipient,
/// street, number, postcode, city, phone) with the edition's sign-ups; the order, its lines, states and
/// history stay, and so does its activity's municipality, so the edition report does not change.
/// </summary>
public sealed class RetentionJob(DbSession session, PrivacyOptions options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public static readonly TimeSpan UnverifiedLifetime = TimeSpan.FromHours(72);
    public static readonly TimeSpan DeliveredEmailLifetime = TimeSpan.FromDays(30);

    // AVG art. 5(2) (accountability): the office must be able to show it answered a request. Five years covers the
    // supervisory authority's complaint and objection periods with room to spare; the record holds no personal data.
    public static readonly TimeSpan PrivacyRequestLifetime = TimeSpan.FromDays(5 * 365);

    /// <summary>
    /// The one way a sign-up's personal data is erased (here, and by an AVG request): the row stays with its party size
    /// and status, so counts and reports do not change. Needs <c>@Now</c>.
    /// </summary>
    public const string ErasedSignUp = "name = NULL, email = NULL, email_key = NULL, erased_at = @Now";

    /// <summary>
    /// A kit order's delivery address, erased. The columns are NOT NULL and every order is placed with a recipient, so an
    /// empty recipient marks an erased address; the order, its lines, states and history stay for the report.
    /// </summary>
    public const string ErasedDeliveryAddress = "recipient = '', street = '', house_number = '', postcode = '', city = '', phone = NULL";

    /// <summary>An activity's contact fields, erased; the activity itself, its counts and its place stay for the report.</summary>
    public const string ErasedContact = "contact_name = NULL, contact_email = NULL, phone = NULL";

    // A day lets the participant (or the initiator's list) still see who cancelled; after that nothing needs the name or address.
    public static readonly TimeSpan CancelledSignUpLifetime = TimeSpan.FromDays(1);

    private const string DeleteUnverified = """
        DELETE FROM activities WHERE status = 'pendingVerification' AND created_at < @Cutoff
        """;

    // Sent e-mails hold names and addresses in their bodies; a month covers any question about delivery.
    private const string DeleteDeliveredEmails = """
        DELETE FROM outbox_messages WHERE status IN ('sent', 'failed') AND created_at < @Cutoff
        """;

    private const string EraseCancelledSignUps = $"""
        UPDATE registrations SET {ErasedSignUp}
        WHERE erased_at IS NULL AND status = 'cancelled' AND cancelled_at < @Cutoff
        """;

    private const string EraseSignUpsOfCancelledActivities = $"""
        UPDATE registrations SET {ErasedSignUp}
        WHERE erased_at IS NULL AND activity_id IN (
            SELECT a.id FROM activities a
            WHERE (a.status = 'cancelled' AND a.cancelled_at < @Cutoff) OR (a.status = 'rejected' AND a.rejected_at < @Cutoff))
        """;

    private const string SelectYearsWithPersonalData = """
        SELECT a.year FROM registrations r JOIN activities a ON a.id = r.activity_id WHERE r.erased_at IS NULL
        UNION
        SELECT o.year FROM kit_orders o WHERE o.recipient <> ''
        """;

    private const string EraseSignUpsOfYear = $"""
        UPDATE registrations SET {ErasedSignUp}
        WHERE erased_at IS NULL AND activity_id IN (SELECT a.id FROM activities a WHERE a.year = @Year)
        """;

    private const string EraseDeliveryAddressesOfYear = $"""
        UPDATE kit_orders SET {ErasedDeliveryAddress}
        WHERE year = @Year AND recipient <> ''
        """;

    /// <summary>Cancel tokens of erased sign-ups: the links in old e-mails stop working.</summary>
    public const string DeleteErasedTokens = """
        DELETE FROM registration_tokens
        WHERE registration_id IN (SELECT r.id FROM registrations r WHERE r.erased_at IS NOT NULL)
        """;

    private const string DeleteOldPrivacyRequests = """
        DELETE FROM privacy_requests WHERE requested_at < @Cutoff
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var unverified = await session.ExecuteAsync(DeleteUnverified, new { Cutoff = now - UnverifiedLifetime }, cancellationToken);
        var emails = await session.ExecuteAsync(DeleteDeliveredEmails, new { Cutoff = now - DeliveredEmailLifetime }, cancellationToken);

        var cancelled = new { Now = now, Cutoff = now - CancelledSignUpLifetime };
        var erased = await session.ExecuteAsync(EraseCancelledSignUps, cancelled, cancellationToken);
        erased += await session.ExecuteAsync(EraseSignUpsOfCancelledActivities, cancelled, cancellationToken);
        var addresses = 0;
        foreach (var year in await session.QueryAsync<int>(SelectYearsWithPersonalData, null, cancellationToken))
        {
            var edition = await EditionStore.GetAsync(session, year, cancellationToken);
            if (now >= edition.WeekEndsAt.AddDays(options.ParticipantRetentionDays))
            {
                erased += await session.ExecuteAsync(EraseSignUpsOfYear, new { Now = now, Year = year }, cancellationToken);
                addresses += await session.ExecuteAsync(EraseDeliveryAddressesOfYear, new { Year = year }, cancellationToken);
            }
        }

        await session.ExecuteAsync(DeleteErasedTokens, null, cancellationToken);
        var requests = await session.ExecuteAsync(
            DeleteOldPrivacyRequests, new { Cutoff = now - PrivacyRequestLifetime }, cancellationToken);
        logger.LogInformation(
            "Retention deleted {Unverified} unverified activities, {Emails} old e-mails and {Requests} privacy request records, "
            + "and erased {SignUps} sign-ups and {Addresses} delivery addresses",
            unverified, emails, requests, erased, addresses);
    }
}
