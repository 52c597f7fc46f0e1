using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// A participant erases their own sign-up with its cancel token: cancelled first when its activity has not started
/// (seats freed, the waitlist promoted), then name and address erased, the cancel tokens and the e-mails about it
/// deleted. After that the token no longer works (404). Recorded in <c>privacy_requests</c> under the address.
/// </summary>
public static class EraseOwnSignUp
{
    public sealed record Command(Guid Id, string? CancelToken) : ICommand<Result<ErasureCounts>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(Platform.Data.DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            SignUpStore.IsOwnerAsync(session, Id, CancelToken, cancellationToken);
    }

    internal sealed class Handler(Platform.Data.DbSession session, Erasure erasure, PrivacyRequests requests)
        : IRequestHandler<Command, Result<ErasureCounts>>
    {
        public async Task<Result<ErasureCounts>> Handle(Command request, CancellationToken cancellationToken)
        {
            var owned = await SignUpStore.FindAsync(session, request.Id, cancellationToken);
            if (owned?.Email is null)
            {
                return Error.NotFound("Sign-up");
            }

            var cancelled = await erasure.CancelIfUpcomingAsync(owned.Id, cancellationToken);
            var erased = await erasure.EraseSignUpAsync(owned.Id, cancellationToken);
            var emails = await erasure.DeleteEmailsAboutAsync(owned.Id, cancellationToken);
            var counts = new ErasureCounts(cancelled ? 1 : 0, erased ? 1 : 0, 0, 0, 0, 0, emails);
            await requests.RecordAsync(
                ActivityRules.EmailKey(owned.Email)!, PrivacyRequestKind.SignUpErasure, null, null, counts.ToDictionary(),
                cancellationToken);
            return counts;
        }
    }
}
