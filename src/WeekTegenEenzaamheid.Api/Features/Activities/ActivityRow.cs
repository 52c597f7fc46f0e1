namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>An activity as stored; the column list in <see cref="ActivityStore"/> aliases to these names.</summary>
public sealed record ActivityRow
{
    public Guid Id { get; init; }

    public int Year { get; init; }

    public required string Status { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required string Type { get; init; }

    public required string TargetGroups { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public int ExpectedParticipants { get; init; }

    public int? Capacity { get; init; }

    public bool SignUpRequired { get; init; }

    public bool Free { get; init; }

    public bool WheelchairAccessible { get; init; }

    public string? AccessibilityNotes { get; init; }

    public string? VenueName { get; init; }

    public string? Street { get; init; }

    public string? HouseNumber { get; init; }

    public string? Postcode { get; init; }

    public string? City { get; init; }

    public required string MunicipalityCode { get; init; }

    public string? OnlineUrl { get; init; }

    public string? OrganisationName { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? Phone { get; init; }

    public required string ManageTokenHash { get; init; }

    public string? RejectionReason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The confirmed party sizes: what the capacity is measured against.</summary>
    public int SeatsTaken { get; init; }

    public int WaitlistedParties { get; init; }

    public int? Attended { get; init; }

    /// <summary>The version of the calendar entry (RFC 5545 SEQUENCE): raised by every change of time, place or status.</summary>
    public int CalendarSequence { get; init; }

    /// <summary>Capacity minus the confirmed seats; null when the activity takes no sign-ups or has no limit.</summary>
    public int? SeatsLeft => SignUpRequired && Capacity is { } capacity ? Math.Max(0, capacity - SeatsTaken) : null;

    public IReadOnlyList<string> TargetGroupList => TargetGroupsColumn.Split(TargetGroups);

    public LocationView Location => new(VenueName, Street, HouseNumber, Postcode, City, MunicipalityCode, OnlineUrl);

    /// <summary>The input this activity was made from: what a PATCH is merged into.</summary>
    public ActivityInput ToInput() => new()
    {
        Year = Year,
        Title = Title,
        Description = Description,
        Type = Type,
        TargetGroups = TargetGroupList,
        StartsAt = AmsterdamTime.ToLocal(StartsAt),
        EndsAt = AmsterdamTime.ToLocal(EndsAt),
        ExpectedParticipants = ExpectedParticipants,
        Capacity = Capacity,
        SignUpRequired = SignUpRequired,
        Free = Free,
        WheelchairAccessible = WheelchairAccessible,
        AccessibilityNotes = AccessibilityNotes,
        Location = new LocationInput
        {
            VenueName = VenueName,
            Street = Street,
            HouseNumber = HouseNumber,
            Postcode = Postcode,
            City = City,
            MunicipalityCode = MunicipalityCode,
            OnlineUrl = OnlineUrl,
        },
        Organiser = new OrganiserInput
        {
            OrganisationName = OrganisationName,
            ContactName = ContactName,
            ContactEmail = ContactEmail,
            Phone = Phone,
        },
    };
}

/// <summary>Target groups are kept as ",elderly,everyone," so one LIKE finds a group on both providers.</summary>
public static class TargetGroupsColumn
{
    public static string Join(IEnumerable<string> groups) => "," + string.Join(',', groups.Distinct().Order(StringComparer.Ordinal)) + ",";

    public static string[] Split(string column) => column.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string Pattern(string group) => "%," + group + ",%";
}
