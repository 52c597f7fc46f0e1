using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// An initiator erases the personal data of their activity with its manage token, once it is over, cancelled or
/// rejected (409 <c>activityNotOver</c> before): every sign-up's name and address, the contact fields, the delivery
/// details of a kit order whose journey is over, and the e-mails about the activity, its sign-ups and its kit orders.
/// Counts and states stay for the edition report. Recorded in <c>privacy_requests</c> under the contact address.
/// </summary>
public static class EraseActivity
{
    public sealed record Command(Guid Id, string? ManageToken) : ICommand<Result<ErasureCounts>>, IManageTokenRequest;

    private const string SelectSignUps = """
        SELECT r.id FROM registrations r WHERE r.activity_id = @ActivityId AND r.erased_at IS NULL ORDER BY r.sign_up_no
        """;

    internal sealed class Handler(DbSession session, PersonRecords records, Erasure erasure, PrivacyRequests requests, TimeProvider clock)
        : IRequestHandler<Command, Result<ErasureCounts>>
    {
        public async Task<Result<ErasureCounts>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            if (activity.Status is ActivityStatus.PendingVerification or ActivityStatus.Published && clock.GetUtcNow() < activity.EndsAt)
            {
                return Error.Conflict(
                    "activityNotOver", "The activity is not over yet; cancel it first, or erase its data once it has ended.");
            }

            var (signUpsErased, emailsDeleted) = (0, 0);
            foreach (var signUpId in await session.QueryAsync<Guid>(SelectSignUps, new { ActivityId = activity.Id }, cancellationToken))
            {
                signUpsErased += await erasure.EraseSignUpAsync(signUpId, cancellationToken) ? 1 : 0;
                emailsDeleted += await erasure.DeleteEmailsAboutAsync(signUpId, cancellationToken);
            }

            var orders = await records.KitOrdersAsync([activity.Id], cancellationToken);
            var (addressesErased, ordersKept) = await erasure.EraseDeliveryAddressesAsync(orders, cancellationToken);
            foreach (var order in orders)
            {
                emailsDeleted += await erasure.DeleteEmailsAboutAsync(order.Id, cancellationToken);
            }

            emailsDeleted += await erasure.DeleteEmailsAboutAsync(activity.Id, cancellationToken);
            var contactErased = await erasure.EraseContactAsync(activity.Id, cancellationToken);
            var counts = new ErasureCounts(0, signUpsErased, 0, contactErased ? 1 : 0, addressesErased, ordersKept, emailsDeleted);
            // A second erasure finds no address left to record the request under; it erased nothing either.
            if (activity.ContactEmail is not null && ActivityRules.EmailKey(activity.ContactEmail) is { } key)
            {
                await requests.RecordAsync(key, PrivacyRequestKind.ActivityErasure, null, null, counts.ToDictionary(), cancellationToken);
            }

            return counts;
        }
    }
}
