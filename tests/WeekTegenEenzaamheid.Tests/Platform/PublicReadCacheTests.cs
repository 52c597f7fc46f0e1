using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Http;
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

        var signUp = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/registrations", new { name = "Jan",
            email = ActivityBodies.UniqueEmail("cache"), partySize = 3 });
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

        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken))).EnsureSuccessStatusCode();

        (await fixture.Public.GetFromJsonAsync<JsonObject>(search))!["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchPage_SameAddressAfterASignUp_ShowsTheSeatTaken_AndUnknownParametersShareOneEntry()
    {
        var word = "paginacache" + Guid.NewGuid().ToString("N")[..8];
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = $"Koffie {word}";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        var search = $"/activiteiten?jaar={fixture.Edition.Year}&q={word}";
        (await PageClient.GetAsync(fixture.Public, search)).QuerySelector(".wte-results").ShouldNotBeNull().Text()
            .ShouldContain("Nog 30 plaatsen");
        var cache = fixture.App.Services.GetRequiredService<PublicReadCache>();
        var entries = cache.Count;
        for (var i = 0; i < 20; i++)
        {
            (await fixture.Public.GetAsync($"{search}&utm_{i}=x")).EnsureSuccessStatusCode();
        }

        cache.Count.ShouldBe(entries);
        (await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/registrations", new { name = "Jan",
            email = ActivityBodies.UniqueEmail("paginacache"), partySize = 3 })).EnsureSuccessStatusCode();

        (await PageClient.GetAsync(fixture.Public, search)).QuerySelector(".wte-results").ShouldNotBeNull().Text()
            .ShouldContain("Nog 27 plaatsen");
    }

    [Fact]
    public async Task SearchActivities_ManyDistinctUnknownParameters_AddNoEntries()
    {
        var cache = fixture.App.Services.GetRequiredService<PublicReadCache>();
        var search = $"/api/activities?year={fixture.Edition.Year}&q=unknown{Guid.NewGuid():N}";
        (await fixture.Public.GetAsync(search)).EnsureSuccessStatusCode();
        var entries = cache.Count;

        for (var i = 0; i < 200; i++)
        {
            (await fixture.Public.GetAsync($"{search}&utm_{i}={new string('x', 1000)}&Q2={i}")).EnsureSuccessStatusCode();
        }

        cache.Count.ShouldBeLessThanOrEqualTo(entries);
    }

    [Fact]
    public void PublicReadCache_ManyKeys_HoldsItsBoundOnEntries()
    {
        var cache = new PublicReadCache(maxEntries: 50, maxBytes: long.MaxValue);

        for (var i = 0; i < 1_000; i++)
        {
            cache.Set($"key {i}", cache.Generation, [1, 2, 3]);
            cache.Count.ShouldBeLessThanOrEqualTo(50);
        }

        cache.TryGet("key 999", out _).ShouldBeTrue();
    }

    [Fact]
    public void PublicReadCache_LongKeys_CountTowardsItsBoundOnBytes()
    {
        var cache = new PublicReadCache(maxEntries: int.MaxValue, maxBytes: 100_000);

        for (var i = 0; i < 1_000; i++)
        {
            cache.Set(i + new string('k', 10_000), cache.Generation, [1]);
            cache.Count.ShouldBeLessThanOrEqualTo(5);
        }
    }

    private async Task<int> SeatsLeftAsync(string search)
    {
        var page = await fixture.Public.GetFromJsonAsync<JsonObject>(search);
        return page!["items"]!.AsArray().Single()!["seatsLeft"]!.GetValue<int>();
    }
}
