using System.Globalization;

namespace WeekTegenEenzaamheid.Api;

/// <summary>The Week happens in the Netherlands: dates and local times are Europe/Amsterdam.</summary>
public static class AmsterdamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset StartOfDay(DateOnly date) => Local(date.ToDateTime(TimeOnly.MinValue));

    public static DateTimeOffset Local(DateTime localTime)
    {
        var unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>
    /// An instant as people read it, in Dutch: "dinsdag 29 september 2026, 14:00". In the autumn hour that the
    /// clocks repeat, the clock time alone names two instants, so it says which: "02:30 (zomertijd)".
    /// </summary>
    public static string Describe(DateTimeOffset instant) => $"{ToLocal(instant).ToString("dddd d MMMM yyyy", Dutch)}, {Clock(instant)}";

    /// <summary>From start to end as people read it; the end's date only when it is another day.</summary>
    public static string DescribeSpan(DateTimeOffset start, DateTimeOffset end) =>
        DateOf(start) == DateOf(end) ? $"{Describe(start)} – {Clock(end)}" : $"{Describe(start)} – {Describe(end)}";

    private static string Clock(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return Zone.IsAmbiguousTime(local) ? $"{time} ({(local.Offset > Zone.BaseUtcOffset ? "zomertijd" : "wintertijd")})" : time;
    }
}
