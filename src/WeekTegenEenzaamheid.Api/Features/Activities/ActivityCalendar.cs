using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>An activity as an RFC 5545 calendar, in Europe/Amsterdam time with its VTIMEZONE.</summary>
public sealed class ActivityCalendar(AppOptions app, TimeProvider clock)
{
    public const string ContentType = "text/calendar";
    private const string TimeZoneId = "Europe/Amsterdam";

    /// <summary>The calendar as an e-mail attachment.</summary>
    public EmailAttachment Attachment(ActivityRow activity, int sequence = 0) =>
        new("activiteit.ics", ContentType, Encoding.UTF8.GetBytes(Serialize(activity, sequence)));

    /// <param name="sequence">Raised with every announced change, so calendar programs replace the entry they have (RFC 5545 3.8.7.4).</param>
    public string Serialize(ActivityRow activity, int sequence = 0)
    {
        var calendar = new Calendar { ProductId = "-//Een tegen eenzaamheid//Week tegen Eenzaamheid//NL", Method = "PUBLISH" };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId));
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{activity.Id}@weektegeneenzaamheid",
            Summary = activity.Title,
            Description = activity.Description,
            Location = activity.Location.Describe(activity.Type),
            DtStart = new CalDateTime(AmsterdamTime.ToLocal(activity.StartsAt).DateTime, TimeZoneId),
            DtEnd = new CalDateTime(AmsterdamTime.ToLocal(activity.EndsAt).DateTime, TimeZoneId),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC"),
            Url = new Uri(app.Link(ActivityPages.PublicPath(activity.Id))),
            Status = activity.Status == ActivityStatus.Published ? "CONFIRMED" : "CANCELLED",
            Sequence = sequence,
        };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
