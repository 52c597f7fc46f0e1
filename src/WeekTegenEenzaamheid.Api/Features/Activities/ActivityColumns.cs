namespace WeekTegenEenzaamheid.Api.Features.Activities;

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
