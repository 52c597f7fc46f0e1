using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class CancelActivity
{
    public sealed record Command(Guid Id, string? ManageToken) : ICommand<Result<ManagedActivity>>, IManageTokenRequest;

    private const string Cancel = """
        UPDATE activities SET status = 'cancelled', cancelled_at = @Now, updated_at = @Now, calendar_sequence = calendar_sequence + 1
        WHERE id = @Id AND status IN ('pendingVerification', 'published')
        """;

    /// <summary>
    /// Cancels a pending or published activity in the caller's transaction, with the usual consequences (participants told,
    /// an unshipped kit order cancelled); false when it was neither, and nothing changed.
    /// </summary>
    public static async Task<bool> CancelAsync(
        DbSession session, IMediator mediator, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await session.ExecuteAsync(Cancel, new { Id = id, Now = now }, cancellationToken) == 0)
        {
            return false;
        }

        // Participants and the kit order follow the cancellation in the same transaction.
        await mediator.Publish(new ActivityCancelled(id), cancellationToken);
        return true;
    }

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities, IMediator mediator, TimeProvider clock)
        : IRequestHandler<Command, Result<ManagedActivity>>
    {
        public async Task<Result<ManagedActivity>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            if (activity.Status == ActivityStatus.Cancelled)
            {
                return ManagedActivity.From(activity, municipalities);
            }

            if (activity.Status == ActivityStatus.Rejected)
            {
                return Error.Conflict("activityRejected", "The activity was rejected and cannot be cancelled.");
            }

            if (!await CancelAsync(session, mediator, request.Id, clock.GetUtcNow(), cancellationToken))
            {
                return Error.ConcurrentChange("The activity");
            }

            return ManagedActivity.From(activity with { Status = ActivityStatus.Cancelled }, municipalities);
        }
    }

    public static async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> Endpoint(
        Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, token), ct)).ToHttp(TypedResults.Ok);
}

/// <summary>Published inside the cancelling transaction, so whatever reacts commits or rolls back with it.</summary>
public sealed record ActivityCancelled(Guid ActivityId) : INotification;
