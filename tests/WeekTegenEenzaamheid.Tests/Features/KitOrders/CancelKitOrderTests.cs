using System.Net;
using System.Net.Http.Json;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.KitOrders;

[Collection(AppCollection.Name)]
public sealed class CancelKitOrderTests(AppFixture fixture)
{
    [Fact]
    public async Task CancelKitOrder_ByTheOwnerWhileAllocated_ReturnsTheStock()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 2));
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 2);

        var response = await KitFlow.CancelAsOwnerAsync(fixture, order.Activity);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cancelled = await response.ReadJsonAsync();
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        KitFlow.History(cancelled).ShouldBe(["received", "allocated", "cancelled"]);
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);

        var again = await KitFlow.CancelAsOwnerAsync(fixture, order.Activity);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);
    }

    [Fact]
    public async Task CancelKitOrder_ByTheOwnerOnceItIsBeingPicked_Returns409()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);

        var response = await KitFlow.CancelAsOwnerAsync(fixture, order.Activity);

        await response.ShouldBeProblemAsync(409, "kitOrderNotCancellable");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
    }

    [Fact]
    public async Task CancelActivity_WithAnOrderInAPickBatch_CancelsTheOrderAndReturnsTheStock()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 3));
        var batch = await KitFlow.BatchAsync(fixture);

        var response = await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{order.Activity.Id}/cancel", order.Activity.ManageToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cancelled = await KitFlow.StaffGetAsync(fixture, order.Reference);
        cancelled["status"]!.GetValue<string>().ShouldBe("cancelled");
        cancelled["history"]!.AsArray().Last()!["note"]!.GetValue<string>().ShouldBe("activity cancelled");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);
        var pickList = await fixture.Logistics.GetStringAsync($"/api/logistics/pick-batches/{batch}/pick-list.csv");
        pickList.ShouldNotContain(order.Reference);
    }

    [Fact]
    public async Task RejectActivity_WithABackorderedOrder_CancelsTheOrder()
    {
        var sku = await KitFlow.NewItemAsync(fixture);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("backordered");

        var response = await fixture.Admin.PostAsJsonAsync(
            $"/api/admin/activities/{order.Activity.Id}/reject", new { reason = "Geen echte activiteit." });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("cancelled");
        (await KitFlow.StockAsync(fixture, sku))["backordered"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task CancelKitOrderByStaff_InAPickBatch_ReturnsTheStockAndTellsTheInitiatorWhy()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 2));
        await KitFlow.BatchAsync(fixture);

        await (await fixture.Logistics.PostAsJsonAsync($"/api/logistics/orders/{order.Reference}/cancel", new { reason = "" }))
            .ShouldBeValidationProblemAsync("reason");
        var response = await fixture.Logistics.PostAsJsonAsync(
            $"/api/logistics/orders/{order.Reference}/cancel", new { reason = "Het adres bestaat niet <echt>." });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("cancelled");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);
        var email = (await fixture.Smtp.WaitForAsync(order.Activity.ContactEmail, count: 3))
            .Single(message => message.Subject?.Contains("geannuleerd", StringComparison.Ordinal) == true);
        email.TextBody!.ShouldContain("Reden: Het adres bestaat niet <echt>.");
        email.HtmlBody!.ShouldContain("Het adres bestaat niet &lt;echt&gt;.");
    }
}
