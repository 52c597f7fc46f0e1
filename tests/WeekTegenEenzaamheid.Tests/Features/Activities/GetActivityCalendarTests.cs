using System.Net;
using Ical.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class GetActivityCalendarTests(AppFixture fixture)
{
    [Fact]
    public async Task GetActivityCalendar_Published_ReturnsOneEventInAmsterdamTime()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = "Wandelen met de buurt";
        body["startsAt"] = fixture.Edition.At(2, 10, 30).ToString("O");
        body["endsAt"] = fixture.Edition.At(2, 12).ToString("O");
        var activity = await ActivityFlow.PublishAsync(fixture, body);

        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}/calendar.ics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text);
        calendar.ShouldNotBeNull(text);
        var calendarEvent = calendar.Events.ShouldHaveSingleItem();
        calendarEvent.Uid.ShouldNotBeNullOrWhiteSpace();
        calendarEvent.Uid.ShouldContain(activity.Id.ToString());
        calendarEvent.Summary.ShouldBe("Wandelen met de buurt");
        calendarEvent.DtStart.ShouldNotBeNull();
        calendarEvent.DtStart.TzId.ShouldBe("Europe/Amsterdam");
        calendarEvent.DtStart.Value.ShouldBe(fixture.Edition.At(2, 10, 30).DateTime);
        calendarEvent.DtEnd.ShouldNotBeNull();
        calendarEvent.DtEnd.TzId.ShouldBe("Europe/Amsterdam");
        calendarEvent.DtEnd.Value.ShouldBe(fixture.Edition.At(2, 12).DateTime);
        calendar.TimeZones.ShouldContain(zone => zone.TzId == "Europe/Amsterdam");

        var day = fixture.Edition.StartsOn.AddDays(2).ToString("yyyyMMdd");
        text.ShouldContain($"DTSTART;TZID=Europe/Amsterdam:{day}T103000");
        text.ShouldContain($"DTEND;TZID=Europe/Amsterdam:{day}T120000");
        text.ShouldContain("BEGIN:VTIMEZONE");
        text.ShouldNotContain(activity.ContactEmail);
    }

    [Fact]
    public async Task GetActivityCalendar_PendingVerification_Returns404()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}/calendar.ics");

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task GetActivityCalendar_Cancelled_ReturnsTheEntryMarkedCancelledWithAHigherSequence()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = Calendar.Load(await fixture.Public.GetStringAsync($"/api/activities/{activity.Id}/calendar.ics"))!.Events.Single();
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}/calendar.ics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var after = Calendar.Load(await response.Content.ReadAsStringAsync())!.Events.Single();
        after.Uid.ShouldBe(before.Uid);
        before.Status.ShouldBe("CONFIRMED");
        after.Status.ShouldBe("CANCELLED");
        after.Sequence.ShouldBeGreaterThan(before.Sequence);
    }

    [Fact]
    public async Task GetActivityCalendar_UnknownId_Returns404()
    {
        var response = await fixture.Public.GetAsync($"/api/activities/{Guid.CreateVersion7()}/calendar.ics");

        await response.ShouldBeProblemAsync(404, "notFound");
    }
}
