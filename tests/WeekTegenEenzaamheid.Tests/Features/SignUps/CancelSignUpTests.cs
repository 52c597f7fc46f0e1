using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.SignUps;

[Collection(AppCollection.Name)]
public sealed class CancelSignUpTests(AppFixture fixture)
{
    [Fact]
    public async Task Cancel_PromotesTheWaitlistInOrderOfArrival()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 2);
        var first = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var second = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var third = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        var fourth = await SignUpFlow.SignUpAsync(fixture, activity.Id);
        (third.Position, fourth.Position).ShouldBe((1, 2));

        var cancelled = await SignUpFlow.CancelAsync(fixture, first.Id, await SignUpFlow.CancelTokenAsync(fixture, first));

        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        var promoted = await fixture.Smtp.WaitForAsync(third.Email, count: 2);
        var email = promoted.WithSubject("Er is plek: je bent aangemeld voor Soep & praat").Single();
        email.Attachments.Single().ContentType.MimeType.ShouldBe("text/calendar");
        var (id, token) = SignUpFlow.CancelLink(email);
        id.ShouldBe(third.Id);
        (await SignUpFlow.GetAsync(fixture, third.Id, token))["status"]!.GetValue<string>().ShouldBe("confirmed");
        var stillWaiting = await SignUpFlow.GetAsync(fixture, fourth.Id, await SignUpFlow.CancelTokenAsync(fixture, fourth));
        stillWaiting["status"]!.GetValue<string>().ShouldBe("waitlisted");
        stillWaiting["position"]!.GetValue<int>().ShouldBe(1);

        await SignUpFlow.CancelAsync(fixture, second.Id, await SignUpFlow.CancelTokenAsync(fixture, second));

        (await SignUpFlow.GetAsync(fixture, fourth.Id,
            await SignUpFlow.CancelTokenAsync(fixture, fourth)))["status"]!.GetValue<string>().ShouldBe("confirmed");
        var managed = await SignUpFlow.ManagedAsync(fixture, activity);
        managed["signUps"]!["confirmedSeats"]!.GetValue<int>().ShouldBe(2);
        managed["signUps"]!["waitlistedParties"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_PassesOverAPartyTooLargeForTheFreedSeatsAndPromotesTheNextThatFits()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 4);
        var two = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);
        var three = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 3);
        var otherTwo = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);
        var one = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 1);
        (three.Position, otherTwo.Position, one.Position).ShouldBe((1, 2, 3));

        await SignUpFlow.CancelAsync(fixture, two.Id, await SignUpFlow.CancelTokenAsync(fixture, two));

        (await StatusAsync(three)).ShouldBe(("waitlisted", 1));
        (await StatusAsync(otherTwo)).ShouldBe(("confirmed", null));
        (await StatusAsync(one)).ShouldBe(("waitlisted", 2));
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["seatsLeft"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_IsIdempotentAndFreesTheAddressForANewSignUp()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);
        var token = await SignUpFlow.CancelTokenAsync(fixture, signUp);

        await SignUpFlow.CancelAsync(fixture, signUp.Id, token);
        var again = await SignUpFlow.CancelAsync(fixture, signUp.Id, token);

        again["status"]!.GetValue<string>().ShouldBe("cancelled");
        (await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}"))!["seatsLeft"]!.GetValue<int>().ShouldBe(5);
        var response = await SignUpFlow.PostAsync(fixture, activity.Id, signUp.Name, signUp.Email, 1);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Cancel_WithoutToken_Returns401()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id);

        await (await fixture.Public.PostAsync($"/api/registrations/{signUp.Id}/cancel", null)).ShouldBeProblemAsync(401, "unauthorized");
    }

    [Fact]
    public async Task CancelLink_OpensAPageThatChangesNothing_ItsButtonCancels()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Anna <b>de</b> Boer");
        var (id, token) = SignUpFlow.CancelLink((await fixture.Smtp.WaitForAsync(signUp.Email)).Single());

        var page = await fixture.Public.GetAsync($"/aanmeldingen/{id}/annuleren?token={Uri.EscapeDataString(token)}");

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Soep &amp; praat");
        html.ShouldContain("Anna &lt;b&gt;de&lt;/b&gt; Boer");
        html.ShouldContain("Annuleer mijn aanmelding");
        (await SignUpFlow.GetAsync(fixture, id, token))["status"]!.GetValue<string>().ShouldBe("confirmed");

        var confirm = await PageClient.PostFormAsync(fixture.Public, $"/aanmeldingen/{id}/annuleren", ("token", token));

        confirm.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirm.Content.ReadAsStringAsync()).ShouldContain("Je aanmelding is geannuleerd");
        (await SignUpFlow.GetAsync(fixture, id, token))["status"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CancelLink_WithAWrongToken_ShowsThatTheLinkIsNotValid()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var signUp = await SignUpFlow.SignUpAsync(fixture, activity.Id);

        var page = await fixture.Public.GetAsync($"/aanmeldingen/{signUp.Id}/annuleren?token=wrong");
        var post = await PageClient.PostFormAsync(fixture.Public, $"/aanmeldingen/{signUp.Id}/annuleren", ("token", "wrong"));

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Link niet geldig");
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RaisingTheCapacity_PromotesFromTheWaitlist_LoweringItBelowTheConfirmedSeats_Returns422()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 2);
        await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 2);
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id, partySize: 3);

        var lower = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Patch, $"/api/activities/{activity.Id}",
            activity.ManageToken, new { capacity = 1 }));
        await lower.ShouldBeValidationProblemAsync("capacity");

        var raise = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Patch, $"/api/activities/{activity.Id}",
            activity.ManageToken, new { capacity = 6 }));
        raise.StatusCode.ShouldBe(HttpStatusCode.OK, await raise.Content.ReadAsStringAsync());
        var changed = await raise.ReadJsonAsync();
        changed["seatsLeft"]!.GetValue<int>().ShouldBe(1);
        changed["signUps"]!["confirmedSeats"]!.GetValue<int>().ShouldBe(5);
        (await StatusAsync(waiting)).ShouldBe(("confirmed", null));
    }

    private async Task<(string Status, int? Position)> StatusAsync(SignedUp signUp)
    {
        var json = await SignUpFlow.GetAsync(fixture, signUp.Id, await SignUpFlow.CancelTokenAsync(fixture, signUp));
        return (json["status"]!.GetValue<string>(), json["position"]?.GetValue<int>());
    }
}
