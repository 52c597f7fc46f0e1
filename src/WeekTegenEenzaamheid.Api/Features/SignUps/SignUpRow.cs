namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>A sign-up as stored. Name and e-mail are null once the retention job has erased them.</summary>
public sealed record SignUpRow
{
    public Guid Id { get; init; }

    public Guid ActivityId { get; init; }

    public int SignUpNo { get; init; }

    public required string Status { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public int PartySize { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    public DateTimeOffset? RemindedAt { get; init; }
}
