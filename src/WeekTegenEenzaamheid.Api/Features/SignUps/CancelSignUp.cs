using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>Cancels a sign-up (idempotent) and, in the same transaction, promotes every waitlisted party that now fits.</summary>
public static class CancelSignUp
{
    public sealed record Command(Guid Id, string? CancelToken) : ICommand<Result<SignUpDetails>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            SignUpStore.IsOwnerAsync(session, Id, CancelToken, cancellationToken);
    }

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
        DbSession session, Seats seats, SignUpRow signUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(Cancel, new { signUp.Id, Now = now }, cancellationToken);
        if (signUp.Status == SignUpStatus.Confirmed)
        {
            await seats.ReleaseAsync(signUp.ActivityId, signUp.PartySize, cancellationToken);
        }

        await seats.PromoteAsync(signUp.ActivityId, cancellationToken);
    }

    internal sealed class Handler(DbSession session, Seats seats, ParticipantEmails emails, TimeProvider clock)
        : IRequestHandler<Command, Result<SignUpDetails>>
    {
        public async Task<Result<SignUpDetails>> Handle(Command request, CancellationToken cancellationToken)
        {
            var found = await SignUpStore.FindAsync(session, request.Id, cancellationToken);
            if (found is null)
            {
                return Error.NotFound("Sign-up");
            }

            var activity = (await seats.LockActivityAsync(found.ActivityId, cancellationToken))!;
            // Read again under the lock: a promotion may have confirmed this sign-up in the meantime.
            var signUp = (await SignUpStore.FindAsync(session, request.Id, cancellationToken))!;
            var now = clock.GetUtcNow();
            if (signUp.Status != SignUpStatus.Cancelled)
            {
                if (activity.Status == ActivityStatus.Published && now >= activity.StartsAt)
                {
                    return Error.Conflict("activityStarted", "The activity has started; the sign-up can no longer be cancelled.");
                }

                await CancelLockedAsync(session, seats, signUp, now, cancellationToken);
                await emails.SignUpCancelledAsync(activity, signUp, cancellationToken);
                signUp = signUp with { Status = SignUpStatus.Cancelled };
                activity = (await ActivityStore.FindAsync(session, activity.Id, cancellationToken))!;
            }

            return new SignUpDetails(await SignUpStore.ViewAsync(session, signUp, cancellationToken), activity);
        }
    }

    /// <summary>POST /api/registrations/{id}/cancel: the sign-up as it is after the cancellation.</summary>
    public static async Task<Results<Ok<SignUpView>, ProblemHttpResult>> Endpoint(
        Guid id,
        [FromHeader(Name = SecurityExtensions.CancelTokenHeader)] string? token,
        IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new Command(id, token), ct)).ToHttp(details => TypedResults.Ok(details.SignUp));
}
