using System.Security.Claims;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The programme office takes a pending or published activity off the calendar with a reason (3 to 1000 characters):
/// the contact is told by e-mail, the sign-ups and an unshipped kit order go as on a cancellation, and the activity's
/// history records the reason and the staff member who did it. 404 for no such activity, 409
/// <c>activityNotRejectable</c> when it is cancelled or rejected already.
/// </summary>
public static class RejectActivity
{
    public sealed record Body(string? Reason);

    /// <param name="StaffId">The staff member who rejects (<c>StaffIdentity.Id</c>), recorded in the history.</param>
    public sealed record Command(Guid Id, string? Reason, Guid? StaffId = null) : ICommand<Result<ManagedActivity>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).MultiLine().NotEmpty().Must(r => r!.Trim().Length is >= 3 and <= 1000)
            .WithMessage("Give a reason of 3 to 1000 characters.").OverridePropertyName("reason");
    }

    private const string Reject = """
        UPDATE activities SET status = 'rejected', rejected_at = @Now, rejection_reason = @Reason, updated_at = @Now,
            calendar_sequence = calendar_sequence + 1
        WHERE id = @Id AND status IN ('pendingVerification', 'published')
        """;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities, Outbox outbox, ActivityEmails emails,
        IMediator mediator, TimeProvider clock)
        : IRequestHandler<Command, Result<ManagedActivity>>
    {
        public async Task<Result<ManagedActivity>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            if (activity.Status is not (ActivityStatus.Published or ActivityStatus.PendingVerification))
            {
                return Error.Conflict("activityNotRejectable",
                    $"The activity is {activity.Status}; only a published activity can be rejected.");
            }

            var reason = request.Reason!.Trim();
            var now = clock.GetUtcNow();
            if (await session.ExecuteAsync(Reject, new { request.Id, Reason = reason, Now = now }, cancellationToken) == 0)
            {
                return Error.ConcurrentChange("The activity");
            }

            await ActivityHistory.AddAsync(session, request.Id, ActivityStatus.Rejected, request.StaffId, reason, now, cancellationToken);

            await outbox.EnqueueAsync(emails.Rejected(activity, reason), cancellationToken);
            // A rejected activity takes nobody in any more: the same consequences as a cancellation.
            await mediator.Publish(new ActivityCancelled(request.Id), cancellationToken);
            return ManagedActivity.From(activity with { Status = ActivityStatus.Rejected, RejectionReason = reason }, municipalities);
        }
    }

    public static async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> Endpoint(
        Guid id, Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, body.Reason, StaffIdentity.Id(user)), ct)).ToHttp(TypedResults.Ok);
}
