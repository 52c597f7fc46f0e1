using System.Globalization;

namespace WeekTegenEenzaamheid.Api;

/// <summary>
/// The Week happens in the Netherlands: dates and local times are Europe/Amsterdam. Every instant shown to a
/// person (e-mails, pages, CSV files, history notes, problem details) is written by <see cref="Long"/>,
/// <see cref="Span"/> or <see cref="Short"/>, so none of them shows UTC or a server's zone.
/// </summary>
public static class AmsterdamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Dutch day and month names for texts meant for people.</summary>
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static DateTimeOffset StartOfDay(DateOnly date) => Local(date.ToDateTime(TimeOnly.MinValue));

    public static DateTimeOffset Local(DateTime localTime)
    {
        var unspecified = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// For sentences: <c>maandag 30 november 2026, 10:03</c>, Amsterdam time. In the autumn hour that the clocks
    /// repeat, the clock time alone names two instants, so it says which: <c>02:30 (zomertijd)</c>.
    /// </summary>
    public static string Long(DateTimeOffset instant) => $"{ToLocal(instant).ToString("dddd d MMMM yyyy", Dutch)}, {Clock(instant)}";

    /// <summary>From start to end: <c>vrijdag 1 oktober 2027, 14:00 – 16:00</c>; the end in full when it falls on another day.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end) =>
        $"{Long(start)} – {(DateOf(start) == DateOf(end) ? Clock(end) : Long(end))}";

    /// <summary>For cells, notes and problem details: <c>2026-11-30 10:03</c>, Amsterdam time, sortable.</summary>
    public static string Short(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// For a form's time field (<c>14:30</c>, as <c>input type="time"</c> takes it): the Amsterdam time of day. The page
    /// turns it back into an instant with the date through <see cref="Local"/>.
    /// </summary>
    public static string TimeField(DateTimeOffset instant) => ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A time of day as a person or a time field writes it: <c>14:30</c>, <c>9:05</c> or <c>14:30:00</c>.</summary>
    public static bool TryParseTimeField(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static string Clock(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return Zone.IsAmbiguousTime(local) ? $"{time} ({(local.Offset > Zone.BaseUtcOffset ? "zomertijd" : "wintertijd")})" : time;
    }
}
