using WeekTegenEenzaamheid.Api.Features.Municipalities;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class ActivityStatus
{
    public const string PendingVerification = "pendingVerification";
    public const string Published = "published";
    public const string Cancelled = "cancelled";
    public const string Rejected = "rejected";
}

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

/// <summary>What the owner sees: the public view plus contact details, counts and what only the owner may know.</summary>
public sealed record ManagedActivity : PublicActivity
{
    private ManagedActivity(PublicActivity view, ActivityRow row)
        : base(view)
    {
        Organiser = new OrganiserView(row.OrganisationName, row.ContactName, row.ContactEmail, row.Phone);
        RejectionReason = row.RejectionReason;
        SignUps = new SignUpCounts(row.SeatsTaken, row.WaitlistedParties);
        Attended = row.Attended;
    }

    public OrganiserView Organiser { get; init; }

    public string? RejectionReason { get; init; }

    public SignUpCounts SignUps { get; init; }

    public int? Attended { get; init; }

    public static new ManagedActivity From(ActivityRow row, MunicipalityDirectory municipalities) =>
        new(PublicActivity.From(row, municipalities), row);
}

/// <summary>The owner's counts: seats taken by confirmed parties, and parties on the waitlist.</summary>
public sealed record SignUpCounts(int ConfirmedSeats, int WaitlistedParties);
