using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

public sealed record Edition
{
    public int Year { get; init; }

    public DateOnly StartsOn { get; init; }

    public DateOnly EndsOn { get; init; }

    public DateOnly OpeningOn { get; init; }

    public DateTimeOffset RegistrationOpensAt { get; init; }

    public DateTimeOffset KitOrderDeadline { get; init; }

    /// <summary>True when the programme office has not set this year's schedule.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The first instant after the Week: midnight after its last day, Amsterdam time.</summary>
    public DateTimeOffset WeekEndsAt => AmsterdamTime.StartOfDay(EndsOn.AddDays(1));

    public DateTimeOffset WeekStartsAt => AmsterdamTime.StartOfDay(StartsOn);

    /// <summary>
    /// The programme's practice: the Week starts on the last Thursday of September and lasts seven
    /// days, the opening conference is the day before, registration opens on 1 March and kit orders
    /// close at the end of 31 August.
    /// </summary>
    public static Edition Default(int year)
    {
        var lastOfSeptember = new DateOnly(year, 9, 30);
        var startsOn = lastOfSeptember.AddDays(-(((int)lastOfSeptember.DayOfWeek - (int)DayOfWeek.Thursday + 7) % 7));
        return new Edition
        {
            Year = year,
            StartsOn = startsOn,
            EndsOn = startsOn.AddDays(6),
            OpeningOn = startsOn.AddDays(-1),
            RegistrationOpensAt = AmsterdamTime.StartOfDay(new DateOnly(year, 3, 1)),
            KitOrderDeadline = AmsterdamTime.StartOfDay(new DateOnly(year, 9, 1)),
            IsDefault = true,
        };
    }
}

public static class EditionStore
{
    public const string Columns = """
        year AS Year, starts_on AS StartsOn, ends_on AS EndsOn, opening_on AS OpeningOn,
        registration_opens_at AS RegistrationOpensAt, kit_order_deadline AS KitOrderDeadline
        """;

    private const string SelectOne = $"""
        SELECT {Columns} FROM editions WHERE year = @Year
        """;

    public static async Task<Edition> GetAsync(DbSession session, int year, CancellationToken cancellationToken)
    {
        var stored = await session.QuerySingleOrDefaultAsync<Edition>(SelectOne, new { Year = year }, cancellationToken);
        return stored ?? Edition.Default(year);
    }
}
