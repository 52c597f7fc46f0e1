namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>What a participant reads: <c>position</c> in the waitlist, else null.</summary>
public sealed record SignUpView(Guid Id, Guid ActivityId, string? Name, int PartySize, string Status, int? Position);
