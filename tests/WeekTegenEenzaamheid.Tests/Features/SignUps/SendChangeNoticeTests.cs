using System.Net;
using Ical.Net;
using MimeKit;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

[Collection(AppCollection.Name)]
public sealed class SendChangeNoticeTests(AppFixture fixture)
{
    private const string Subject = "Gewijzigd: Soep & praat";

    [Fact]
    public async Task ChangingTimeOrPlace_SendsOneEmailPerBurstOfEdits_ToConfirmedParticipants()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);
        var confirmed = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id);

        await PatchAsync(activity, new { startsAt = fixture.Edition.At(2, 13).ToString("O"),
            endsAt = fixture.Edition.At(2, 15).ToString("O") });
        await PatchAsync(activity, new { location = new { venueName = "Bibliotheek Centrum" } });
        await PatchAsync(activity, new { startsAt = fixture.Edition.At(2, 14).ToString("O"),
            endsAt = fixture.Edition.At(2, 16).ToString("O") });
        await PatchAsync(activity, new { description = "Geen tijd of plaats: geen bericht." });

        // Within the quiet period after the last edit nothing goes.
        await SignUpFlow.RunJobAsync(fixture, "change-notices");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(confirmed.Email).WithSubject(Subject).ShouldBeEmpty();

        fixture.App.Clock.Advance(TimeSpan.FromMinutes(16));
        await SignUpFlow.RunJobAsync(fixture, "change-notices");
        await SignUpFlow.RunJobAsync(fixture, "change-notices");

        var notice = (await fixture.Smtp.WaitForAsync(confirmed.Email, count: 2)).WithSubject(Subject).Single();
        notice.TextBody!.ShouldContain("Bibliotheek Centrum");
        SignUpFlow.CancelLink(notice).Id.ShouldBe(confirmed.Id);
        var calendarEvent = (await CalendarOf(notice)).Events.Single();
        calendarEvent.Sequence.ShouldBe(1);
        calendarEvent.DtStart!.AsUtc.ShouldBe(fixture.Edition.At(2, 14).UtcDateTime);
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(confirmed.Email).WithSubject(Subject).Count.ShouldBe(1);
        fixture.Smtp.MessagesTo(waiting.Email).WithSubject(Subject).ShouldBeEmpty();

        // A later burst is a new e-mail.
        await PatchAsync(activity, new { startsAt = fixture.Edition.At(3, 14).ToString("O"),
            endsAt = fixture.Edition.At(3, 16).ToString("O") });
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(16));
        await SignUpFlow.RunJobAsync(fixture, "change-notices");
        var notices = (await fixture.Smtp.WaitForAsync(confirmed.Email, count: 3)).WithSubject(Subject);
        notices.Count.ShouldBe(2);
        (await CalendarOf(notices[1])).Events.Single().Sequence.ShouldBe(2);
    }

    [Fact]
    public async Task CancellingTheActivity_TellsEveryoneSignedUp_AndDropsAPendingChangeNotice()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);
        var confirmed = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var gone = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        await SignUpFlow.CancelAsync(fixture, gone.Id, await SignUpFlow.CancelTokenAsync(fixture, gone));
        await PatchAsync(activity, new { startsAt = fixture.Edition.At(2, 13).ToString("O"),
            endsAt = fixture.Edition.At(2, 15).ToString("O") });

        var cancel = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken));
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var participant in new[] { confirmed, waiting })
        {
            var email = (await fixture.Smtp.WaitForAsync(participant.Email, count: 2)).WithSubject("Gaat niet door: Soep & praat").Single();
            email.TextBody!.ShouldContain("gaat niet door");
            SignUpFlow.CancelLink(email).Id.ShouldBe(participant.Id);
        }

        fixture.App.Clock.Advance(TimeSpan.FromMinutes(16));
        await SignUpFlow.RunJobAsync(fixture, "change-notices");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(confirmed.Email).WithSubject(Subject).ShouldBeEmpty();
        fixture.Smtp.MessagesTo(gone.Email).WithSubject("Gaat niet door: Soep & praat").ShouldBeEmpty();
        await (await SignUpFlow.PostAsync(fixture, activity.Id, "Te laat", ActivityBodies.UniqueEmail())).ShouldBeProblemAsync(404);
    }

    private async Task PatchAsync(RegisteredActivity activity, object patch)
    {
        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Patch, $"/api/activities/{activity.Id}",
            activity.ManageToken, patch));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Calendar> CalendarOf(MimeMessage email)
    {
        var part = email.Attachments.OfType<MimePart>().Single(attachment => attachment.FileName == "activiteit.ics");
        using var content = new MemoryStream();
        await part.Content!.DecodeToAsync(content);
        return Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
    }
}
