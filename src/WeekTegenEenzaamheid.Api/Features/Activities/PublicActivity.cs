using WeekTegenEenzaamheid.Api.Features.Municipalities;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public sealed record LocationView(
    string? VenueName,
    string? Street,
    string? HouseNumber,
    string? Postcode,
    string? City,
    string MunicipalityCode,
    string? OnlineUrl)
{
    /// <summary>The place in one line, as e-mails, pages and calendars show it.</summary>
    public string Describe(string activityType) => activityType == "online" && OnlineUrl is not null
        ? $"Online: {OnlineUrl}"
        : $"{VenueName}, {Street} {HouseNumber}, {Postcode} {City}";
}

public sealed record OrganiserView(string? OrganisationName, string? ContactName, string? ContactEmail, string? Phone);

/// <summary>What the public sees: never the organiser.</summary>
public record PublicActivity(
    Guid Id,
    string Status,
    int Year,
    string Title,
    string? Description,
    string Type,
    IReadOnlyList<string> TargetGroups,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int ExpectedParticipants,
    int? Capacity,
    bool SignUpRequired,
    bool Free,
    bool WheelchairAccessible,
    string? AccessibilityNotes,
    LocationView Location,
    string MunicipalityName,
    string Province,
    int? SeatsLeft)
{
    public static PublicActivity From(ActivityRow row, MunicipalityDirectory municipalities)
    {
        var municipality = municipalities.Find(row.MunicipalityCode);
        return new PublicActivity(
            row.Id,
            row.Status,
            row.Year,
            row.Title,
            row.Description,
            row.Type,
            row.TargetGroupList,
            AmsterdamTime.ToLocal(row.StartsAt),
            AmsterdamTime.ToLocal(row.EndsAt),
            row.ExpectedParticipants,
            row.Capacity,
            row.SignUpRequired,
            row.Free,
            row.WheelchairAccessible,
            row.AccessibilityNotes,
            row.Location,
            municipality?.Name ?? row.MunicipalityCode,
            municipality?.Province ?? string.Empty,
            row.SeatsLeft);
    }
}
