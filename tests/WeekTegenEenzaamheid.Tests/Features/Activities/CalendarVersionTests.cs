using System.Net;
using System.Net.Http.Json;
using Ical.Net;
using MimeKit;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

/// <summary>Every copy of an activity's calendar entry (the public file, each e-mailed one) tells the same version.</summary>
[Collection(AppCollection.Name)]
public sealed class CalendarVersionTests(AppFixture fixture)
{
    [Fact]
    public async Task CancelActivity_ParticipantsGetACancelOfTheSameEntry_AndThePublicFileSaysCancelled()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var participant = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var confirmation = (await fixture.Smtp.WaitForAsync(participant.Email)).Single();
        var booked = (await CalendarOf(confirmation)).Events.Single();

        var cancel = await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel", activity.ManageToken));
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);

        var notice = (await fixture.Smtp.WaitForAsync(participant.Email, count: 2)).WithSubject("Gaat niet door: Soep & praat").Single();
        var part = notice.Attachments.OfType<MimePart>().Single(attachment => attachment.FileName == "activiteit.ics");
        part.ContentType.Parameters["method"].ShouldBe("CANCEL");
        var calendar = await CalendarOf(notice);
        calendar.Method.ShouldBe("CANCEL");
        var cancelled = calendar.Events.Single();
        cancelled.Uid.ShouldBe(booked.Uid);
        cancelled.Status.ShouldBe("CANCELLED");
        cancelled.Sequence.ShouldBeGreaterThan(booked.Sequence);
        cancelled.Organizer.ShouldNotBeNull();

        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}/calendar.ics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = Calendar.Load(await response.Content.ReadAsStringAsync())!.Events.Single();
        published.Uid.ShouldBe(booked.Uid);
        published.Status.ShouldBe("CANCELLED");
        published.Sequence.ShouldBe(cancelled.Sequence);
    }

    [Fact]
    public async Task RejectActivity_ParticipantsGetACancel_AndThePublicFileKeepsAnswering()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var participant = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var booked = (await CalendarOf((await fixture.Smtp.WaitForAsync(participant.Email)).Single())).Events.Single();

        var reason = new { reason = "Geen activiteit voor de Week." };
        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject", reason))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var notice = (await fixture.Smtp.WaitForAsync(participant.Email, count: 2)).WithSubject("Gaat niet door: Soep & praat").Single();
        var cancelled = (await CalendarOf(notice)).Events.Single();
        cancelled.Uid.ShouldBe(booked.Uid);
        cancelled.Status.ShouldBe("CANCELLED");
        cancelled.Sequence.ShouldBeGreaterThan(booked.Sequence);
        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}/calendar.ics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = Calendar.Load(await response.Content.ReadAsStringAsync())!.Events.Single();
        published.Status.ShouldBe("CANCELLED");
        published.Sequence.ShouldBe(cancelled.Sequence);
    }

    [Fact]
    public async Task ChangeNotice_CarriesTheSameSequenceAsThePublicFile_AndLaterConfirmationsToo()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var early = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var patch = new { startsAt = fixture.Edition.At(2, 13).ToString("O"), endsAt = fixture.Edition.At(2, 15).ToString("O") };
        var path = $"/api/activities/{activity.Id}";
        var changed = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Patch, path, activity.ManageToken, patch));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await SignUpFlow.SignUpAsync(fixture, activity.Id);

        fixture.App.Clock.Advance(TimeSpan.FromMinutes(16));
        await SignUpFlow.RunJobAsync(fixture, "change-notices");
        var notice = fixture.Smtp.MessagesTo(early.Email).WithSubject("Gewijzigd: Soep & praat").Single();
        var lateConfirmation = (await fixture.Smtp.WaitForAsync(late.Email)).First();

        var published = Calendar.Load(await fixture.Public.GetStringAsync($"/api/activities/{activity.Id}/calendar.ics"))!.Events.Single();
        published.Sequence.ShouldBe(1);
        (await CalendarOf(notice)).Events.Single().Sequence.ShouldBe(published.Sequence);
        (await CalendarOf(lateConfirmation)).Events.Single().Sequence.ShouldBe(published.Sequence);
    }

    [Fact]
    public async Task Calendar_ActivityAcrossTheAutumnClockChange_WritesTheRepeatedHourAsExactUtcInstants()
    {
        // The last Sunday of October: 03:00 summer time becomes 02:00 winter time, so 02:30 happens twice.
        var year = 2088;
        var clockChange = new DateOnly(year, 10, 31);
        while (clockChange.DayOfWeek != DayOfWeek.Sunday)
        {
            clockChange = clockChange.AddDays(-1);
        }

        var edition = new TestEdition(year, clockChange.AddDays(-3), clockChange.AddDays(3));
        await SignUpFlow.PutEditionAsync(fixture, edition);
        var starts = new DateTimeOffset(clockChange.ToDateTime(new TimeOnly(2, 30)), TimeSpan.FromHours(2));
        var ends = new DateTimeOffset(clockChange.ToDateTime(new TimeOnly(2, 30)), TimeSpan.FromHours(1));
        var body = ActivityBodies.Valid(edition);
        body["title"] = "Nachtwandeling bij de klokwissel";
        body["startsAt"] = starts.ToString("O");
        body["endsAt"] = ends.ToString("O");
        var activity = await ActivityFlow.PublishAsync(fixture, body);

        var text = await fixture.Public.GetStringAsync($"/api/activities/{activity.Id}/calendar.ics");

        var day = clockChange.ToString("yyyyMMdd");
        text.ShouldContain($"DTSTART:{day}T003000Z");
        text.ShouldContain($"DTEND:{day}T013000Z");
        var calendarEvent = Calendar.Load(text)!.Events.Single();
        calendarEvent.DtStart!.AsUtc.ShouldBe(starts.UtcDateTime);
        calendarEvent.DtEnd!.AsUtc.ShouldBe(ends.UtcDateTime);
        // Where people read the time, the repeated hour says which of the two it is.
        activity.VerificationEmail.TextBody!.ShouldContain("02:30 (zomertijd) – 02:30 (wintertijd)");
        var page = await fixture.Public.GetStringAsync(
            $"/beheer/activiteiten/{activity.Id}?token={Uri.EscapeDataString(activity.ManageToken)}");
        page.ShouldContain("02:30 (zomertijd) – 02:30 (wintertijd)");
    }

    private static async Task<Calendar> CalendarOf(MimeMessage email)
    {
        var part = email.Attachments.OfType<MimePart>().Single(attachment => attachment.FileName == "activiteit.ics");
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        return Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
    }
}
