using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>One entry of an activity's history: what happened, when, who of the staff did it (null: not staff), and why.</summary>
public sealed record ActivityHistoryEntry
{
    public DateTimeOffset At { get; init; }

    /// <summary>The event, named as the status it led to (<c>rejected</c>).</summary>
    public required string Event { get; init; }

    public Guid? StaffId { get; init; }

    /// <summary>The staff member's name as it is now (revoked members keep theirs); null when no staff member did it.</summary>
    public string? StaffName { get; init; }

    public string? Note { get; init; }
}

/// <summary>
/// An activity's history (<c>activity_history</c>, 0011), as kit orders have theirs: every staff action on an activity
/// writes a row in the action's own transaction, with the staff member's id (<c>StaffIdentity.Id</c>: a key or a session).
/// </summary>
public static class ActivityHistory
{
    private const string Insert = """
        INSERT INTO activity_history (activity_id, at, event, staff_id, note) VALUES (@ActivityId, @At, @Event, @StaffId, @Note)
        """;

    private const string Select = """
        SELECT h.at AS At, h.event AS Event, h.staff_id AS StaffId, s.name AS StaffName, h.note AS Note
        FROM activity_history h
        LEFT JOIN staff_keys s ON s.id = h.staff_id
        WHERE h.activity_id = @ActivityId
        ORDER BY h.id
        """;

    /// <summary>Adds an entry at <paramref name="at"/>; call it inside the transaction of the change it records.</summary>
    public static Task AddAsync(DbSession session, Guid activityId, string @event, Guid? staffId, string? note, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        session.ExecuteAsync(Insert, new { ActivityId = activityId, At = at, Event = @event, StaffId = staffId, Note = note },
            cancellationToken);

    /// <summary>The activity's entries, oldest first.</summary>
    public static Task<IReadOnlyList<ActivityHistoryEntry>> ListAsync(
        DbSession session, Guid activityId, CancellationToken cancellationToken) =>
        session.QueryAsync<ActivityHistoryEntry>(Select, new { ActivityId = activityId }, cancellationToken);
}
