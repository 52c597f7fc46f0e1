namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>The <c>status</c> of a sign-up as stored and as the API shows it.</summary>
public static class SignUpStatus
{
    public const string Confirmed = "confirmed";
    public const string Waitlisted = "waitlisted";
    public const string Cancelled = "cancelled";
}
