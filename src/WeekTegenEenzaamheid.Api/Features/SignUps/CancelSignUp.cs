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

    /// <summary>
    /// Cancels an active sign-up whose activity the caller has locked (<see cref="Seats.LockActivityAsync"/>): a confirmed
    /// party's seats are freed and every waitlisted party that now fits is promoted, in the caller's transaction.
    /// </summary>
    public static async Task CancelLockedAsync(
        DbSession session, Seats seats, RegistrationRow registration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(Cancel, new { registration.Id, Now = now }, cancellationToken);
        if (registration.Status == RegistrationStatus.Confirmed)
        {
            await seats.ReleaseAsync(registration.ActivityId, registration.PartySize, cancellationToken);
        }

        await seats.PromoteAsync(registration.ActivityId, cancellationToken);
    }

    internal sealed class Handler(DbSession session, Seats seats, ParticipantEmails emails, TimeProvider clock)
        : IRequestHandler<Command, Result<SignUpDetails>>
    {
        public async Task<Result<SignUpDetails>> Handle(Command request, CancellationToken cancellationToken)
        {
            var owned = await RegistrationStore.FindOwnedAsync(session, request.Id, request.CancelToken, cancellationToken);
            if (owned is null)
            {
                return Error.NotFound("Sign-up");
            }

            var activity = (await seats.LockActivityAsync(owned.ActivityId, cancellationToken))!;
            // Read again under the lock: a promotion may have confirmed this sign-up in the meantime.
            var registration = (await RegistrationStore.FindAsync(session, request.Id, cancellationToken))!;
            var now = clock.GetUtcNow();
            if (registration.Status != RegistrationStatus.Cancelled)
            {
                if (activity.Status == ActivityStatus.Published && now >= activity.StartsAt)
                {
                    return Error.Conflict("activityStarted", "The activity has started; the sign-up can no longer be cancelled.");
                }

                await CancelLockedAsync(session, seats, registration, now, cancellationToken);
                await emails.SignUpCancelledAsync(activity, registration, cancellationToken);
                registration = registration with { Status = RegistrationStatus.Cancelled };
                activity = (await ActivityStore.FindAsync(session, activity.Id, cancellationToken))!;
            }

            return new SignUpDetails(await RegistrationStore.ViewAsync(session, registration, cancellationToken), activity);
        }
    }
}
