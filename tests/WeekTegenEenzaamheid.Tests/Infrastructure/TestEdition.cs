namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>An edition whose registration is open now and whose Week lies ahead: next year's last week of September.</summary>
public sealed record TestEdition(int Year, DateOnly StartsOn, DateOnly EndsOn)
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static TestEdition NextYear()
    {
        var year = DateTime.UtcNow.Year + 1;
        var startsOn = new DateOnly(year, 9, 24);
        return new TestEdition(year, startsOn, startsOn.AddDays(6));
    }

    public object Body => new
    {
        startsOn = StartsOn,
        endsOn = EndsOn,
        openingOn = StartsOn.AddDays(-1),
        registrationOpensAt = DateTimeOffset.UtcNow.AddDays(-30),
        kitOrderDeadline = Local(StartsOn.AddDays(-20), 0),
    };

    /// <summary>An Amsterdam local time on a day of the Week, with its offset, as the API writes it.</summary>
    public DateTimeOffset At(int day, int hour, int minute = 0) => Local(StartsOn.AddDays(day), hour, minute);

    public static DateTimeOffset Local(DateOnly date, int hour, int minute = 0)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
    }
}
