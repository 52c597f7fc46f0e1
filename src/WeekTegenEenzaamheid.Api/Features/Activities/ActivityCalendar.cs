using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;
using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// An activity as an RFC 5545 calendar, in Europe/Amsterdam time with its VTIMEZONE. Every copy (the public
/// file and each e-mailed one) carries the activity's stored <see cref="ActivityRow.CalendarSequence"/>, so all
/// copies of one version agree and a later version replaces an earlier one in the reader's calendar.
/// </summary>
public sealed class ActivityCalendar(AppOptions app, EmailOptions email, TimeProvider clock)
{
    public const string ContentType = "text/calendar";
    private const string TimeZoneId = "Europe/Amsterdam";

    /// <summary>
    /// The calendar as an e-mail attachment (UTF-8). A cancelled or rejected activity goes as an iTIP CANCEL
    /// (RFC 5546 3.2.5), which calendar programs apply to the entry with the same UID; any other as PUBLISH.
    /// </summary>
    public EmailAttachment Attachment(ActivityRow activity)
    {
        var method = IsOff(activity) ? "CANCEL" : "PUBLISH";
        return new("activiteit.ics", $"{ContentType}; charset=utf-8; method={method}", Encoding.UTF8.GetBytes(Serialize(activity, method)));
    }

    /// <summary>The public file: METHOD:PUBLISH, STATUS:CANCELLED once the activity is cancelled or rejected.</summary>
    public string Serialize(ActivityRow activity) => Serialize(activity, "PUBLISH");

    private string Serialize(ActivityRow activity, string method)
    {
        var calendar = new Calendar { ProductId = "-//Een tegen eenzaamheid//Week tegen Eenzaamheid//NL", Method = method };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId));
        var sender = MailboxAddress.Parse(email.From);
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{activity.Id}@weektegeneenzaamheid",
            Summary = activity.Title,
            Description = activity.Description,
            Location = activity.Location.Describe(activity.Type),
            DtStart = Moment(activity.StartsAt),
            DtEnd = Moment(activity.EndsAt),
            DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, "UTC"),
            Url = new Uri(app.Link(ActivityPages.PublicPath(activity.Id))),
            Status = IsOff(activity) ? "CANCELLED" : "CONFIRMED",
            // RFC 5545 3.8.7.4: raised with every change of time, place or status (stored, so every copy agrees).
            Sequence = activity.CalendarSequence,
            // RFC 5546 requires an ORGANIZER in PUBLISH and CANCEL: the service's own sender.
            Organizer = new Organizer($"mailto:{sender.Address}") { CommonName = string.IsNullOrEmpty(sender.Name) ? null : sender.Name },
        };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static bool IsOff(ActivityRow activity) => activity.Status is ActivityStatus.Cancelled or ActivityStatus.Rejected;

    /// <summary>
    /// Amsterdam local time with its TZID, except where the local time names two instants (the autumn hour
    /// that repeats) or none (the spring hour that is skipped): there the instant is written in UTC, which
    /// every reader places exactly.
    /// </summary>
    private static CalDateTime Moment(DateTimeOffset instant)
    {
        var local = AmsterdamTime.ToLocal(instant).DateTime;
        return AmsterdamTime.Zone.IsAmbiguousTime(local) || AmsterdamTime.Zone.IsInvalidTime(local)
            ? new CalDateTime(instant.UtcDateTime, "UTC")
            : new CalDateTime(local, TimeZoneId);
    }
}
