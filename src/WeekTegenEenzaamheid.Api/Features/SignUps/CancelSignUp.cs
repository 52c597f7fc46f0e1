using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>Cancels a sign-up (idempotent) and, in the same transaction, promotes every waitlisted party that now fits.</summary>
public static class CancelSignUp
{
    public sealed record Command(Guid Id, string? CancelToken) : ICommand<Result<SignUpDetails>>;

    // email_key goes too: the address may sign up again, and the unique index only covers active sign-ups.
    private const string Cancel = """
        UPDATE registrations SET status = 'cancelled', cancelled_at = @Now, email_key = NULL
        WHERE id = @Id AND status IN ('confirmed', 'waitlisted')
        """;

    internal sealed class Handler(DbSession session, Seats seats, ParticipantEmails emails, TimeProvider clock)
        : IRequestHandler<Command, Result<SignUpDetails>>
    {
        public async Task<Result<SignUpDetails>> Handle(Command request, CancellationToken cancellationToken)
        {
            var owned = await SignUpStore.FindOwnedAsync(session, request.Id, request.CancelToken, cancellationToken);
            if (owned is null)
            {
                return Error.NotFound("Sign-up");
            }

            var activity = (await seats.LockActivityAsync(owned.ActivityId, cancellationToken))!;
            // Read again under the lock: a promotion may have confirmed this sign-up in the meantime.
            var signUp = (await SignUpStore.FindAsync(session, request.Id, cancellationToken))!;
            var now = clock.GetUtcNow();
            if (signUp.Status != SignUpStatus.Cancelled)
            {
                if (activity.Status == ActivityStatus.Published && now >= activity.StartsAt)
                {
                    return Error.Conflict("activityStarted", "The activity has started; the sign-up can no longer be cancelled.");
                }

                await session.ExecuteAsync(Cancel, new { signUp.Id, Now = now }, cancellationToken);
                if (signUp.Status == SignUpStatus.Confirmed)
                {
                    await seats.ReleaseAsync(activity.Id, signUp.PartySize, cancellationToken);
                }

                await seats.PromoteAsync(activity.Id, cancellationToken);
                await emails.SignUpCancelledAsync(activity, signUp, cancellationToken);
                signUp = signUp with { Status = SignUpStatus.Cancelled };
                activity = (await ActivityStore.FindAsync(session, activity.Id, cancellationToken))!;
            }

            return new SignUpDetails(await SignUpStore.ViewAsync(session, signUp, cancellationToken), activity);
        }
    }
}
