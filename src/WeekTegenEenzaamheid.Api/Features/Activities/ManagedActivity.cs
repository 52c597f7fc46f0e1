using WeekTegenEenzaamheid.Api.Features.Municipalities;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

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
