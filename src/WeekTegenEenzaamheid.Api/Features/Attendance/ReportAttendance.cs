using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

/// <summary>
/// The initiator reports how many people came, once the activity has begun; a later report replaces an
/// earlier one. Either the manage token or the token of the attendance e-mail proves ownership.
/// </summary>
public static class ReportAttendance
{
    public const int MaxAttended = 100_000;

    public sealed record Body(int? Attended);

    /// <summary>The activity, for the attendance page; a token that is neither of its two is 404.</summary>
    public sealed record Query(Guid ActivityId, string? Token) : IQuery<Result<ActivityRow>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            IsOwnerOfAsync(session, clock, ActivityId, Token, cancellationToken);
    }

    public sealed record Command(Guid ActivityId, string? Token, int? Attended) : ICommand<Result<Reported>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            IsOwnerOfAsync(session, clock, ActivityId, Token, cancellationToken);
    }

    public sealed record Reported(Guid ActivityId, int Attended, DateTimeOffset ReportedAt);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Attended).NotNull().InclusiveBetween(0, MaxAttended).OverridePropertyName("attended");
    }

    private const string SelectAttendanceTokenHash = """
        SELECT attendance_token_hash FROM activities WHERE id = @Id
        """;

    private const string Store = """
        UPDATE activities SET attended = @Attended, attendance_reported_at = @Now, updated_at = @Now WHERE id = @Id
        """;

    internal sealed class QueryHandler(DbSession session) : IRequestHandler<Query, Result<ActivityRow>>
    {
        public async Task<Result<ActivityRow>> Handle(Query request, CancellationToken cancellationToken) =>
            await ActivityStore.FindAsync(session, request.ActivityId, cancellationToken) is { } activity
                ? activity
                : Error.NotFound("Activity");
    }

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<Reported>>
    {
        public async Task<Result<Reported>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.ActivityId, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            if (activity.Status != ActivityStatus.Published)
            {
                return Error.Conflict("activityNotHeld", $"The activity is {activity.Status}; only a published activity has attendance.");
            }

            var now = clock.GetUtcNow();
            if (now < activity.StartsAt)
            {
                return Error.Conflict("activityNotStarted", "Attendance can be reported once the activity has begun.");
            }

            await session.ExecuteAsync(Store, new { activity.Id, Attended = request.Attended!.Value, Now = now }, cancellationToken);
            return new Reported(activity.Id, request.Attended.Value, now);
        }
    }

    /// <summary>POST /api/activities/{id}/attendance with the manage token.</summary>
    public static async Task<Results<Ok<Reported>, ProblemHttpResult>> Endpoint(
        Guid id,
        [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token,
        Body body,
        IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new Command(id, token, body.Attended), ct)).ToHttp(TypedResults.Ok);

    // The attendance e-mail cannot carry the manage token (only its hash is stored): its own token may do this one thing too.
    private static async Task<bool> IsOwnerOfAsync(
        DbSession session, TimeProvider clock, Guid id, string? token, CancellationToken cancellationToken) =>
        await ActivityStore.IsOwnerAsync(session, clock, id, token, cancellationToken)
        || Tokens.Matches(token, await session.ExecuteScalarAsync<string?>(SelectAttendanceTokenHash, new { Id = id }, cancellationToken));
}
