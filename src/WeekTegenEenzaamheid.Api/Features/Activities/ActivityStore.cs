using Dapper;
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

    public static async Task<ActivityRow?> FindAsync(DbSession session, Guid id, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ActivityRow>(
            new CommandDefinition(SelectById, new { Id = id }, session.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The owner's view: a token that does not belong to the activity reads as "not found", whether it exists or not.</summary>
    public static async Task<ActivityRow?> FindOwnedAsync(DbSession session, Guid id, string? manageToken, CancellationToken cancellationToken)
    {
        var activity = await FindAsync(session, id, cancellationToken);
        return activity is not null && Tokens.Matches(manageToken, activity.ManageTokenHash) ? activity : null;
    }

    /// <summary>Whether <paramref name="manageToken"/> is the activity's manage token; false when the activity does not exist.</summary>
    public static async Task<bool> IsOwnerAsync(DbSession session, Guid activityId, string? manageToken, CancellationToken cancellationToken) =>
        await FindAsync(session, activityId, cancellationToken) is { } activity && Tokens.Matches(manageToken, activity.ManageTokenHash);
}

/// <summary>The parameters of an activity's insert or update, normalised from the input.</summary>
public sealed record ActivityColumns(
    Guid Id,
    int Year,
    string Status,
    string Title,
    string? Description,
    string Type,
    string TargetGroups,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int ExpectedParticipants,
    int? Capacity,
    bool SignUpRequired,
    bool Free,
    bool WheelchairAccessible,
    string? AccessibilityNotes,
    string? VenueName,
    string? Street,
    string? HouseNumber,
    string? Postcode,
    string? City,
    string MunicipalityCode,
    string? OnlineUrl,
    string? OrganisationName,
    string? ContactName,
    string? ContactEmail,
    string? Phone,
    string ManageTokenHash,
    DateTimeOffset Now)
{
    /// <summary>Call only with validated input.</summary>
    public static ActivityColumns From(ActivityInput input, Guid id, string status, string manageTokenHash, DateTimeOffset now)
    {
        var location = input.Location!;
        var organiser = input.Organiser!;
        var online = input.Type == "online";
        return new ActivityColumns(
            id,
            input.Year!.Value,
            status,
            input.Title!.Trim(),
            Blank(input.Description),
            input.Type!,
            TargetGroupsColumn.Join(input.TargetGroups!),
            input.StartsAt!.Value.ToUniversalTime(),
            input.EndsAt!.Value.ToUniversalTime(),
            input.ExpectedParticipants!.Value,
            input.Capacity,
            input.SignUpRequired!.Value,
            input.Free!.Value,
            input.WheelchairAccessible!.Value,
            Blank(input.AccessibilityNotes),
            Blank(location.VenueName),
            Blank(location.Street),
            Blank(location.HouseNumber),
            online && location.Postcode is null ? null : ActivityRules.NormalisePostcode(location.Postcode),
            Blank(location.City),
            location.MunicipalityCode!.ToUpperInvariant(),
            Blank(location.OnlineUrl),
            Blank(organiser.OrganisationName),
            organiser.ContactName!.Trim(),
            organiser.ContactEmail!.Trim(),
            Blank(organiser.Phone),
            manageTokenHash,
            now);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
