using Dapper;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
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

    public sealed record Query(Guid ActivityId, string? Token) : IQuery<Result<ActivityRow>>;

    public sealed record Command(Guid ActivityId, string? Token, int? Attended) : ICommand<Result<Reported>>, IOwnerRequest
    {
        public async Task<bool> IsOwnerAsync(DbSession session, CancellationToken cancellationToken) =>
            await FindOwnedAsync(session, ActivityId, Token, cancellationToken) is not null;
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
        public async Task<Result<ActivityRow>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await FindOwnedAsync(session, request.ActivityId, request.Token, cancellationToken);
            return activity is null ? Error.NotFound("Activity") : activity;
        }
    }

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<Reported>>
    {
        public async Task<Result<Reported>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await FindOwnedAsync(session, request.ActivityId, request.Token, cancellationToken);
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

            var connection = await session.ConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                Store, new { activity.Id, Attended = request.Attended!.Value, Now = now }, session.Transaction, cancellationToken: cancellationToken));
            return new Reported(activity.Id, request.Attended.Value, now);
        }
    }

    private static async Task<ActivityRow?> FindOwnedAsync(DbSession session, Guid id, string? token, CancellationToken cancellationToken)
    {
        var activity = await ActivityStore.FindAsync(session, id, cancellationToken);
        if (activity is null)
        {
            return null;
        }

        if (Tokens.Matches(token, activity.ManageTokenHash))
        {
            return activity;
        }

        var connection = await session.ConnectionAsync(cancellationToken);
        var attendanceTokenHash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            SelectAttendanceTokenHash, new { Id = id }, session.Transaction, cancellationToken: cancellationToken));
        return Tokens.Matches(token, attendanceTokenHash) ? activity : null;
    }
}
