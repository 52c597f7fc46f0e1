using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>The reads every activity slice shares.</summary>
public static class ActivityStore
{
    public const string Columns = """
        a.id AS Id, a.year AS Year, a.status AS Status, a.title AS Title, a.description AS Description, a.type AS Type,
        a.target_groups AS TargetGroups, a.starts_at AS StartsAt, a.ends_at AS EndsAt,
        a.expected_participants AS ExpectedParticipants, a.capacity AS Capacity, a.sign_up_required AS SignUpRequired,
        a.free AS Free, a.wheelchair_accessible AS WheelchairAccessible, a.accessibility_notes AS AccessibilityNotes,
        a.venue_name AS VenueName, a.street AS Street, a.house_number AS HouseNumber, a.postcode AS Postcode, a.city AS City,
        a.municipality_code AS MunicipalityCode, a.online_url AS OnlineUrl,
        a.organisation_name AS OrganisationName, a.contact_name AS ContactName, a.contact_email AS ContactEmail, a.phone AS Phone,
        a.manage_token_hash AS ManageTokenHash, a.rejection_reason AS RejectionReason, a.created_at AS CreatedAt,
        a.seats_taken AS SeatsTaken, a.attended AS Attended, a.calendar_sequence AS CalendarSequence,
        (SELECT COUNT(1) FROM registrations wl WHERE wl.activity_id = a.id AND wl.status = 'waitlisted') AS WaitlistedParties
        """;

    private const string SelectById = $"""
        SELECT {Columns} FROM activities a WHERE a.id = @Id
        """;

    private const string SelectManageTokenHash = """
        SELECT manage_token_hash FROM activities WHERE id = @Id
        """;

    /// <summary>The activity with its waitlist count, or <c>null</c> when there is none with this id.</summary>
    public static Task<ActivityRow?> FindAsync(DbSession session, Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ActivityRow>(SelectById, new { Id = id }, cancellationToken);

    /// <summary>
    /// Whether <paramref name="manageToken"/> is the activity's manage token (compared by hash); <c>false</c> when the
    /// activity does not exist, so a caller cannot tell the two apart. Used by <see cref="IOwnerRequest"/> requests.
    /// </summary>
    public static async Task<bool> IsOwnerAsync(
        DbSession session, Guid activityId, string? manageToken, CancellationToken cancellationToken)
    {
        var hash = await session.QuerySingleOrDefaultAsync<string>(SelectManageTokenHash, new { Id = activityId }, cancellationToken);
        return hash is not null && Tokens.Matches(manageToken, hash);
    }
}

/// <summary>
/// A request made with an activity's manage token (<c>X-Manage-Token</c>): the pipeline's owner check answers 404
/// <c>notFound</c> unless <see cref="ManageToken"/> is the token of activity <see cref="Id"/>.
/// </summary>
public interface IManageTokenRequest : IOwnerRequest
{
    Guid Id { get; }

    string? ManageToken { get; }

    Task<bool> IOwnerRequest.IsOwnerAsync(DbSession session, CancellationToken cancellationToken) =>
        ActivityStore.IsOwnerAsync(session, Id, ManageToken, cancellationToken);
}
