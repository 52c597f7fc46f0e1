using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// Seats and the waitlist of one activity, inside the caller's transaction.
/// <para>
/// Two guards, each correct on its own terms. <see cref="LockActivityAsync"/> takes the activity row
/// first, so sign-ups, cancellations and promotions of one activity run one after another: the order of
/// arrival, the waitlist positions and "nobody waits who would fit" are exact. <see cref="TryReserveAsync"/>
/// is the capacity rule itself, a single conditional UPDATE, so the confirmed seats can never pass the
/// capacity, whatever path leads there.
/// </para>
/// <para>
/// Fairness: seats go, in order of arrival, to every party that fits. A newcomer who fits gets a seat
/// even while others wait, because after every change the waitlist holds only parties too large for the
/// seats left (promotion passes over a party that does not fit and takes the next one that does); the
/// newcomer passes nobody who could have had those seats.
/// </para>
/// </summary>
public sealed class Seats(DbSession session, ParticipantEmails emails, TimeProvider clock)
{
    // SQLite: every write transaction starts with BEGIN IMMEDIATE, so it already holds the database's
    // single write lock; a plain read is enough. SQL Server: UPDLOCK keeps an update lock on the row
    // until the transaction ends, and two update locks on one row conflict, so a second sign-up for the
    // same activity waits here until the first commits (plain READ COMMITTED reads would not wait).
    // PostgreSQL: FOR UPDATE takes the row lock until the transaction ends; a second sign-up for the same
    // activity blocks on it, and under READ COMMITTED its SELECT then returns the row as the first one
    // committed it (PostgreSQL re-reads a locked row's newest version), so it sees the seats just taken.
    private const string LockSqlite = $"""
        SELECT {ActivityStore.Columns} FROM activities a WHERE a.id = @Id
        """;

    private const string LockSqlServer = $"""
        SELECT {ActivityStore.Columns} FROM activities a WITH (UPDLOCK, ROWLOCK) WHERE a.id = @Id
        """;

    private const string LockPostgreSql = $"""
        SELECT {ActivityStore.Columns} FROM activities a WHERE a.id = @Id FOR UPDATE
        """;

    // The test and the increment are one statement. SQL Server takes an update lock on the row to evaluate
    // the WHERE and converts it to an exclusive lock to write, holding it to the end of the transaction;
    // a concurrent reservation blocks on that lock and then evaluates the WHERE against the committed
    // seats_taken, never a stale read, even under READ COMMITTED (with or without row versioning, since
    // an UPDATE always reads the latest committed row). PostgreSQL (READ COMMITTED): an UPDATE that meets a
    // row locked by another transaction waits for it, then evaluates the WHERE again on the row's newly
    // committed version before writing, so it never adds to a stale seats_taken. SQLite has a single writer: the statement sees every
    // committed reservation. Zero rows updated means the party does not fit.
    private const string Reserve = """
        UPDATE activities SET seats_taken = seats_taken + @Seats
        WHERE id = @Id AND (capacity IS NULL OR seats_taken + @Seats <= capacity)
        """;

    private const string Release = """
        UPDATE activities SET seats_taken = seats_taken - @Seats WHERE id = @Id AND seats_taken >= @Seats
        """;

    private const string SelectWaitlist = $"""
        SELECT {SignUpStore.Columns} FROM registrations r
        WHERE r.activity_id = @ActivityId AND r.status = 'waitlisted'
        ORDER BY r.sign_up_no
        """;

    private const string Confirm = """
        UPDATE registrations SET status = 'confirmed', confirmed_at = @Now WHERE id = @Id AND status = 'waitlisted'
        """;

    /// <summary>The activity, locked until the transaction ends; null when there is none.</summary>
    public Task<ActivityRow?> LockActivityAsync(Guid activityId, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ActivityRow>(
            session.Dialect.Pick(LockSqlite, LockSqlServer, LockPostgreSql), new { Id = activityId }, cancellationToken);

    /// <summary>Takes <paramref name="seats"/> seats if they fit in the capacity; false (nothing taken) when they do not.</summary>
    public async Task<bool> TryReserveAsync(Guid activityId, int seats, CancellationToken cancellationToken) =>
        await session.ExecuteAsync(Reserve, new { Id = activityId, Seats = seats }, cancellationToken) == 1;

    /// <summary>Gives back seats a confirmed party held.</summary>
    public Task ReleaseAsync(Guid activityId, int seats, CancellationToken cancellationToken) =>
        session.ExecuteAsync(Release, new { Id = activityId, Seats = seats }, cancellationToken);

    /// <summary>
    /// Confirms, in order of arrival, every waitlisted party that fits in the seats left; a party that
    /// does not fit keeps its place and the next one is tried. Call with the activity locked.
    /// </summary>
    public async Task PromoteAsync(Guid activityId, CancellationToken cancellationToken)
    {
        var activity = await ActivityStore.FindAsync(session, activityId, cancellationToken);
        var now = clock.GetUtcNow();
        if (activity is not { Status: ActivityStatus.Published } || now >= activity.StartsAt)
        {
            return;
        }

        var waiting = await session.QueryAsync<SignUpRow>(SelectWaitlist, new { ActivityId = activityId }, cancellationToken);
        var seatsLeft = activity.Capacity - activity.SeatsTaken;
        foreach (var party in waiting)
        {
            if (seatsLeft < party.PartySize)
            {
                continue;
            }

            if (!await TryReserveAsync(activityId, party.PartySize, cancellationToken))
            {
                continue;
            }

            await session.ExecuteAsync(Confirm, new { party.Id, Now = now }, cancellationToken);
            seatsLeft -= party.PartySize;
            await emails.PromotedAsync(activity, party with { Status = SignUpStatus.Confirmed, ConfirmedAt = now }, cancellationToken);
        }
    }
}
