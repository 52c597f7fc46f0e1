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

    private const string SelectOwner = """
        SELECT manage_token_hash AS ManageTokenHash, status AS Status, contact_email AS ContactEmail FROM activities WHERE id = @Id
        """;

    /// <summary>The activity with its waitlist count, or <c>null</c> when there is none with this id.</summary>
    public static Task<ActivityRow?> FindAsync(DbSession session, Guid id, CancellationToken cancellationToken) =>
        session.QuerySingleOrDefaultAsync<ActivityRow>(SelectById, new { Id = id }, cancellationToken);

    /// <summary>
    /// Whether <paramref name="manageToken"/> gives the right to manage the activity; <c>false</c> when the activity does not
    /// exist, so a caller cannot tell the two apart. Used by <see cref="IOwnerRequest"/> requests. Two tokens count: the
    /// activity's own manage token (compared by hash), and a signed-in owner session (<see cref="SignInWithLink"/>, prefixed
    /// with <see cref="SignInWithLink.SessionPrefix"/>) of the activity's contact address that has not ended on
    /// <paramref name="clock"/>, once the activity was verified: the address has then proved it reads that mailbox.
    /// </summary>
    public static async Task<bool> IsOwnerAsync(
        DbSession session, TimeProvider clock, Guid activityId, string? manageToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(manageToken))
        {
            return false;
        }

        var owner = await session.QuerySingleOrDefaultAsync<OwnerColumns>(SelectOwner, new { Id = activityId }, cancellationToken);
        if (owner is null)
        {
            return false;
        }

        if (!manageToken.StartsWith(SignInWithLink.SessionPrefix, StringComparison.Ordinal))
        {
            return Tokens.Matches(manageToken, owner.ManageTokenHash);
        }

        if (owner.Status == ActivityStatus.PendingVerification || owner.ContactEmail is null)
        {
            return false;
        }

        var sessions = await session.ExecuteScalarAsync<int>(OwnerSession, new
        {
            TokenHash = Tokens.Hash(manageToken[SignInWithLink.SessionPrefix.Length..]),
            EmailKey = ActivityRules.EmailKey(owner.ContactEmail),
            Now = clock.GetUtcNow(),
        }, cancellationToken);
        return sessions > 0;
    }

    private sealed record OwnerColumns(string ManageTokenHash, string Status, string? ContactEmail);

    // The session's own end is also checked against the cookie's, on the service's clock (ManageAccess); this one
    // keeps a stolen session token from outliving its row.
    private const string OwnerSession = """
        SELECT COUNT(1) FROM owner_sessions s WHERE s.token_hash = @TokenHash AND s.email_key = @EmailKey AND s.expires_at > @Now
        """;
}

/// <summary>
/// A request made with an activity's manage token (<c>X-Manage-Token</c>): the pipeline's owner check answers 404
/// <c>notFound</c> unless <see cref="ManageToken"/> is the token of activity <see cref="Id"/>.
/// </summary>
public interface IManageTokenRequest : IOwnerRequest
{
    Guid Id { get; }

    string? ManageToken { get; }

    Task<bool> IOwnerRequest.IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
        ActivityStore.IsOwnerAsync(session, clock, Id, ManageToken, cancellationToken);
}
