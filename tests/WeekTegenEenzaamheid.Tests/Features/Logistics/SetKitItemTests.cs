using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

[Collection(AppCollection.Name)]
public sealed class SetKitItemTests(AppFixture fixture)
{
    [Fact]
    public async Task SetKitItem_CreateThenChange_KeepsStockAndHidesInactiveItemsFromTheCatalogue()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 3);

        var changed = await fixture.Logistics.PutAsJsonAsync(
            $"/api/logistics/items/{sku.ToLowerInvariant()}",
            new { name = "Nieuwe naam", description = "Anders.", maxPerOrder = 5, active = false });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var item = await changed.ReadJsonAsync();
        (item["sku"]!.GetValue<string>(), item["name"]!.GetValue<string>(), item["onHand"]!.GetValue<int>())
            .ShouldBe((sku, "Nieuwe naam", 3));
        item["active"]!.GetValue<bool>().ShouldBeFalse();
        var catalogue = await fixture.Public.GetFromJsonAsync<JsonArray>("/api/kit/items");
        catalogue!.Select(entry => entry!["sku"]!.GetValue<string>()).ShouldNotContain(sku);
        var activity = await ActivityFlow.PublishAsync(fixture);
        await (await KitFlow.PostOrderAsync(fixture, activity, KitFlow.Order((sku, 1)))).ShouldBeValidationProblemAsync("lines[0].sku");

        await (await fixture.Logistics.PutAsJsonAsync(
                "/api/logistics/items/no spaces!", new { name = "x", description = "y", maxPerOrder = 0 }))
            .ShouldBeValidationProblemAsync("sku", "maxPerOrder");
        await (await fixture.Logistics.PostAsJsonAsync("/api/logistics/stock/NO-SUCH-SKU/receipts", new { quantity = 1 }))
            .ShouldBeProblemAsync(404);
        await (await fixture.Logistics.PostAsJsonAsync($"/api/logistics/stock/{sku}/receipts", new { quantity = 0 }))
            .ShouldBeValidationProblemAsync("quantity");
    }
}
