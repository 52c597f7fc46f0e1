using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

[Collection(AppCollection.Name)]
public sealed class SelfServiceErasureTests(AppFixture fixture)
{
    [Fact]
    public async Task EraseOwnSignUp_WithTheCancelToken_CancelsAndErases_AndPromotesTheWaitlist()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 1);
        var mine = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Zoë Zelf");
        var waiting = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Wouter Wacht");
        var token = await SignUpFlow.CancelTokenAsync(fixture, mine);

        var response = await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Post, mine.Id, token, "/erase"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var erased = await response.ReadJsonAsync();
        (erased["signUpsCancelled"]!.GetValue<int>(), erased["signUpsErased"]!.GetValue<int>()).ShouldBe((1, 1));
        erased["emailsDeleted"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        var afterwards = await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Get, mine.Id, token));
        afterwards.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var promoted = await SignUpFlow.GetAsync(fixture, waiting.Id, await SignUpFlow.CancelTokenAsync(fixture, waiting));
        promoted["status"]!.GetValue<string>().ShouldBe("confirmed");
        var list = await (await OwnerAsync(HttpMethod.Get, activity, "registrations")).ReadJsonAsync();
        list.ToJsonString().ShouldNotContain("Zoë Zelf");
        var records = await RequestsAsync(mine.Email);
        var record = records!.Single()!;
        record["kind"]!.GetValue<string>().ShouldBe("signUpErasure");
        record["requestedBy"].ShouldBeNull();
    }

    [Fact]
    public async Task EraseOwnSignUp_WithAWrongTokenOrNone_IsRefusedAndErasesNothing()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var mine = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Bram Blijft");
        var other = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Anna Ander");
        var othersToken = await SignUpFlow.CancelTokenAsync(fixture, other);

        var wrong = await fixture.Public.SendAsync(SignUpFlow.AsParticipant(HttpMethod.Post, mine.Id, othersToken, "/erase"));
        await wrong.ShouldBeProblemAsync(404, "notFound");
        await (await fixture.Public.PostAsync($"/api/registrations/{mine.Id}/erase", null)).ShouldBeProblemAsync(401, "unauthorized");

        var kept = await SignUpFlow.GetAsync(fixture, mine.Id, await SignUpFlow.CancelTokenAsync(fixture, mine));
        (kept["name"]!.GetValue<string>(), kept["status"]!.GetValue<string>()).ShouldBe(("Bram Blijft", "confirmed"));
    }

    [Fact]
    public async Task EraseActivity_BeforeItIsOver_Returns409_AndAfterCancellingErasesItsPersonalData()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var guest = await SignUpFlow.SignUpAsync(fixture, activity.Id, name: "Gijs Gast");

        var early = await OwnerAsync(HttpMethod.Post, activity, "erase");

        await early.ShouldBeProblemAsync(409, "activityNotOver");
        var cancel = await OwnerAsync(HttpMethod.Post, activity, "cancel");
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        await fixture.Smtp.WaitForAsync(guest.Email, 2);

        var response = await OwnerAsync(HttpMethod.Post, activity, "erase");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var erased = await response.ReadJsonAsync();
        (erased["signUpsErased"]!.GetValue<int>(), erased["contactsErased"]!.GetValue<int>()).ShouldBe((1, 1), erased.ToJsonString());
        var managed = await SignUpFlow.ManagedAsync(fixture, activity);
        managed["organiser"]!["contactEmail"].ShouldBeNull();
        managed["organiser"]!["contactName"].ShouldBeNull();
        var person = await (await fixture.Admin.GetAsync($"/api/admin/persons?email={Uri.EscapeDataString(guest.Email)}")).ReadJsonAsync();
        person["signUps"]!.AsArray().ShouldBeEmpty();
        person["emails"]!.AsArray().ShouldBeEmpty();
        var records = await RequestsAsync(activity.ContactEmail);
        records!.Single()!["kind"]!.GetValue<string>().ShouldBe("activityErasure");
    }

    [Fact]
    public async Task EraseActivity_WithAWrongToken_Returns404()
    {
        var activity = await SignUpFlow.ActivityAsync(fixture, capacity: 5);
        var other = await SignUpFlow.ActivityAsync(fixture, capacity: 5);

        var response = await OwnerAsync(HttpMethod.Post, activity with { ManageToken = other.ManageToken }, "erase");

        await response.ShouldBeProblemAsync(404, "notFound");
        var managed = await SignUpFlow.ManagedAsync(fixture, activity);
        managed["organiser"]!["contactEmail"]!.GetValue<string>().ShouldBe(activity.ContactEmail);
    }

    private Task<HttpResponseMessage> OwnerAsync(HttpMethod method, RegisteredActivity activity, string action) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(method, $"/api/activities/{activity.Id}/{action}", activity.ManageToken));

    private async Task<JsonArray> RequestsAsync(string email) =>
        (await fixture.Admin.GetFromJsonAsync<JsonArray>($"/api/admin/persons/requests?email={Uri.EscapeDataString(email)}"))!;
}
