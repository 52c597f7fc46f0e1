using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

[Collection(AppCollection.Name)]
public sealed class SendReminderTests(AppFixture fixture)
{
    private const string Subject = "Herinnering: Soep & praat";

    [Fact]
    public async Task Reminders_GoOnceWhenDue_NotBefore_AndNeverToWhoSignedUpAfterTheMoment()
    {
        var edition = await SignUpFlow.SoonEditionAsync(fixture, daysAhead: 3);
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 3, edition, day: 0);
        var early = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);

        // More than a day before the start: not yet due.
        await SignUpFlow.RunJobAsync(fixture, "reminders");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(early.Email).WithSubject(Subject).ShouldBeEmpty();

        // Past the moment (the default lead time is a day). A sign-up now was too late for a reminder.
        var moment = edition.At(0, 14) - TimeSpan.FromDays(1);
        fixture.App.Clock.Advance(moment + TimeSpan.FromHours(1) - fixture.App.Clock.GetUtcNow());
        var late = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 1);
        late.Status.ShouldBe("confirmed");

        await SignUpFlow.RunJobAsync(fixture, "reminders");
        await SignUpFlow.RunJobAsync(fixture, "reminders");

        var reminder = (await fixture.Smtp.WaitForAsync(early.Email, count: 2)).WithSubject(Subject).Single();
        reminder.TextBody!.ShouldContain("Binnenkort is het zover");
        var (id, token) = SignUpFlow.CancelLink(reminder);
        id.ShouldBe(early.Id);
        (await SignUpFlow.GetAsync(fixture, id, token))["status"]!.GetValue<string>().ShouldBe("confirmed");

        await SignUpFlow.RunJobAsync(fixture, "reminders");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(early.Email).WithSubject(Subject).Count.ShouldBe(1);
        fixture.Smtp.MessagesTo(late.Email).WithSubject(Subject).ShouldBeEmpty();
        fixture.Smtp.MessagesTo(waiting.Email).WithSubject(Subject).ShouldBeEmpty();
    }
}
