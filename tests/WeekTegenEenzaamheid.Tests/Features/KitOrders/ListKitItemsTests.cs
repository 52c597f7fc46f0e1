using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.KitOrders;

[Collection(AppCollection.Name)]
public sealed class ListKitItemsTests(AppFixture fixture)
{
    [Fact]
    public async Task ListKitItems_ShowsTheSeededKitAndWhatIsAvailable()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 4, maxPerOrder: 2);

        var items = (await fixture.Public.GetFromJsonAsync<JsonArray>("/api/kit/items"))!.Select(item => item!.AsObject()).ToArray();

        items.Select(item => item["sku"]!.GetValue<string>()).ShouldContain("KEP-GESPREKSKAARTJES");
        items.Select(item => item["sku"]!.GetValue<string>()).ShouldContain("KEP-VLOERSTICKER");
        var placemats = items.Single(item => item["sku"]!.GetValue<string>() == "KEP-PLACEMAT");
        placemats["name"]!.GetValue<string>().ShouldBe("Placemats");
        placemats["description"]!.GetValue<string>().ShouldNotBeEmpty();
        var mine = items.Single(item => item["sku"]!.GetValue<string>() == sku);
        mine["available"]!.GetValue<int>().ShouldBe(4);
        mine["maxPerOrder"]!.GetValue<int>().ShouldBe(2);
        mine.Select(property => property.Key).ShouldBe(["sku", "name", "description", "maxPerOrder", "available"]);
    }
}
