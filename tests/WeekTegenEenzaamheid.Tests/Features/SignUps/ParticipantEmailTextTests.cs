using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

/// <summary>The e-mails read as their receivers read them: nothing in them may tell something that is not so.</summary>
[Collection(AppCollection.Name)]
public sealed class ParticipantEmailTextTests(AppFixture fixture)
{
    [Fact]
    public async Task Verification_SpeaksOfTheLinkItHolds_NotOfAButton()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        activity.VerificationEmail.TextBody!.ShouldNotContain("knop");
        activity.VerificationEmail.HtmlBody!.ShouldNotContain("knop");
        activity.VerificationEmail.TextBody!.ShouldContain("via de link hieronder");
    }

    [Fact]
    public async Task Waitlisted_DoesNotSayTheParticipantIsSignedUp()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);
        await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        waiting.Status.ShouldBe("waitlisted");

        var email = (await fixture.Smtp.WaitForAsync(waiting.Email)).Single();

        email.TextBody!.ShouldNotContain("Aangemeld:");
        email.TextBody!.ShouldContain("Op de wachtlijst voor: 1 persoon");
    }

    [Fact]
    public async Task CancelSignUp_ConfirmsTheCancellationByEmail()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);

        await SignUpFlow.CancelAsync(fixture, signUp.Id, await SignUpFlow.CancelTokenAsync(fixture, signUp));

        var email = (await fixture.Smtp.WaitForAsync(signUp.Email, count: 2)).WithSubject("Afgemeld: Soep & praat").Single();
        email.TextBody!.ShouldContain("Je hebt je afgemeld");
        email.TextBody!.ShouldContain("Afgemeld voor: 2 personen");
        email.TextBody!.ShouldNotContain("annuleren");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(signUp.Email).WithSubject("Afgemeld: Soep & praat").Count.ShouldBe(1);
    }

    [Fact]
    public async Task CancelSignUp_Twice_SendsOneConfirmation()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 10);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var token = await SignUpFlow.CancelTokenAsync(fixture, signUp);

        await SignUpFlow.CancelAsync(fixture, signUp.Id, token);
        await SignUpFlow.CancelAsync(fixture, signUp.Id, token);

        await fixture.Smtp.WaitForAsync(signUp.Email, count: 2);
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(signUp.Email).Count.ShouldBe(2);
    }
}
