using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>The activity search is served from memory; every commit makes the next answer fresh.</summary>
[Collection(AppCollection.Name)]
public sealed class PublicReadCacheTests(AppFixture fixture)
{
    [Fact]
    public async Task SearchActivities_SameQueryAfterASignUp_ShowsTheSeatTaken()
    {
        var word = "cache" + Guid.NewGuid().ToString("N")[..8];
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = $"Soep {word}";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        var search = $"/api/activities?year={fixture.Edition.Year}&q={word}";
        (await SeatsLeftAsync(search)).ShouldBe(30);
        (await SeatsLeftAsync(search)).ShouldBe(30);

        var signUp = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/registrations", new { name = "Jan", email = ActivityBodies.UniqueEmail("cache"), partySize = 3 });
        signUp.EnsureSuccessStatusCode();

        (await SeatsLeftAsync(search)).ShouldBe(27);
    }

    [Fact]
    public async Task SearchActivities_SameQueryAfterACancellation_NoLongerListsIt()
    {
        var word = "cache" + Guid.NewGuid().ToString("N")[..8];
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = $"Wandeling {word}";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        var search = $"/api/activities?year={fixture.Edition.Year}&q={word}";
        (await fixture.Public.GetFromJsonAsync<JsonObject>(search))!["items"]!.AsArray().Count.ShouldBe(1);

        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel", activity.ManageToken))).EnsureSuccessStatusCode();

        (await fixture.Public.GetFromJsonAsync<JsonObject>(search))!["items"]!.AsArray().ShouldBeEmpty();
    }

    private async Task<int> SeatsLeftAsync(string search)
    {
        var page = await fixture.Public.GetFromJsonAsync<JsonObject>(search);
        return page!["items"]!.AsArray().Single()!["seatsLeft"]!.GetValue<int>();
    }
}
