using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

[Collection(AppCollection.Name)]
public sealed class ListKitOrdersTests(AppFixture fixture)
{
    [Fact]
    public async Task ListKitOrders_FiltersByStatusYearProvinceAndDate_AndPagesWithACursor()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 10);
        var flevoland = await KitFlow.OrderAsync(fixture, (sku, 1));
        var activity = await ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(fixture.Edition, municipalityCode: "GM0363"));
        var amsterdam = await KitFlow.PlaceAsync(fixture, activity, KitFlow.Order((sku, 2)));
        await KitFlow.WaitForStatusAsync(fixture, amsterdam, "allocated");
        var today = KitFlow.AmsterdamToday(fixture).ToString("yyyy-MM-dd");
        var query = $"/api/logistics/orders?status=allocated&year={fixture.Edition.Year}&from={today}&to={today}";

        var inFlevoland = await ReferencesAsync(query + "&province=Flevoland");
        var inNoordHolland = await ReferencesAsync(query + "&province=noord-holland");

        inFlevoland.ShouldContain(flevoland.Reference);
        inFlevoland.ShouldNotContain(amsterdam.Reference);
        inNoordHolland.ShouldContain(amsterdam.Reference);
        inNoordHolland.ShouldNotContain(flevoland.Reference);
        (await ReferencesAsync(query.Replace("status=allocated", "status=shipped", StringComparison.Ordinal)))
            .ShouldNotContain(amsterdam.Reference);

        var one = (await fixture.Logistics.GetFromJsonAsync<JsonObject>(query + "&province=Noord-Holland"))!["items"]!.AsArray()
            .Single(item => item!["reference"]!.GetValue<string>() == amsterdam.Reference)!;
        one["delivery"]!["street"]!.GetValue<string>().ShouldBe("Lindelaan");
        one["activity"]!["municipalityName"]!.GetValue<string>().ShouldBe("Amsterdam");
        one["lines"]![0]!["quantity"]!.GetValue<int>().ShouldBe(2);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var next = cursor is null ? string.Empty : "&cursor=" + cursor;
            var page = (await fixture.Logistics.GetFromJsonAsync<JsonObject>(query + "&limit=1" + next))!;
            page["items"]!.AsArray().Count.ShouldBeLessThanOrEqualTo(1);
            seen.AddRange(page["items"]!.AsArray().Select(item => item!["reference"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        seen.ShouldBe(seen.Distinct().ToList());
        seen.ShouldContain(flevoland.Reference);
        seen.ShouldContain(amsterdam.Reference);
    }

    [Fact]
    public async Task ListKitOrders_BadFilters_Return422OnTheField()
    {
        var response = await fixture.Logistics.GetAsync(
            "/api/logistics/orders?status=lost&province=Atlantis&from=yesterday&limit=500&cursor=nope");

        await response.ShouldBeValidationProblemAsync("status", "province", "from", "limit", "cursor");
    }

    private async Task<IReadOnlyList<string>> ReferencesAsync(string path)
    {
        var page = await fixture.Logistics.GetFromJsonAsync<JsonObject>(path + "&limit=100");
        return page!["items"]!.AsArray().Select(item => item!["reference"]!.GetValue<string>()).ToArray();
    }
}
