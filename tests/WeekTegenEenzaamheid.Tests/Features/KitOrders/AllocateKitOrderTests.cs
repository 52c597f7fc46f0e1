using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.KitOrders;

[Collection(AppCollection.Name)]
public sealed class AllocateKitOrderTests(AppFixture fixture)
{
    [Fact]
    public async Task AllocateKitOrder_TwentyParallelOrdersForFiveInStock_AllocatesExactlyFiveAndReceiptServesBackordersInOrder()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var activities = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ActivityFlow.PublishAsync(fixture)));

        var orders = await Task.WhenAll(activities.Select(activity => KitFlow.PlaceAsync(fixture, activity, KitFlow.Order((sku, 1)))));
        var statuses = await Task.WhenAll(orders.Select(order => KitFlow.WaitForStatusAsync(fixture, order, "allocated", "backordered")));

        statuses.Count(status => status == "allocated").ShouldBe(5);
        statuses.Count(status => status == "backordered").ShouldBe(15);
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 5);
        (await KitFlow.StockAsync(fixture, sku))["backordered"]!.GetValue<int>().ShouldBe(15);
        var catalogue = await fixture.Public.GetFromJsonAsync<JsonArray>("/api/kit/items");
        catalogue!.Single(item => item!["sku"]!.GetValue<string>() == sku)!["available"]!.GetValue<int>().ShouldBe(0);

        var waiting = orders.Where((_, i) => statuses[i] == "backordered").ToArray();
        foreach (var order in waiting)
        {
            var emails = await fixture.Smtp.WaitForAsync(order.Activity.ContactEmail, count: 3);
            emails.Count(email => email.Subject == $"Je Kom-Erbij pakket wacht op nieuwe voorraad ({order.Reference})").ShouldBe(1);
        }

        // First in, first out: the queue is the order of arrival.
        var queue = new List<(DateTimeOffset ReceivedAt, PlacedKitOrder Order)>();
        foreach (var order in waiting)
        {
            var view = await KitFlow.StaffGetAsync(fixture, order.Reference);
            queue.Add((DateTimeOffset.Parse(view["receivedAt"]!.GetValue<string>()), order));
        }

        var inOrder = queue.OrderBy(entry => entry.ReceivedAt).ThenBy(entry => entry.Order.Reference, StringComparer.Ordinal)
            .Select(entry => entry.Order).ToArray();

        await KitFlow.ReceiveAsync(fixture, sku, 3);

        foreach (var order in inOrder.Take(3))
        {
            await KitFlow.WaitForStatusAsync(fixture, order, "allocated");
        }

        foreach (var order in inOrder.Skip(3))
        {
            (await KitFlow.StatusAsync(fixture, order)).ShouldBe("backordered");
        }

        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 8, reserved: 8);
    }

    [Fact]
    public async Task AllocateKitOrder_RunAgainAndConcurrently_ReservesOnlyOnce()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 10);
        var order = await KitFlow.OrderAsync(fixture, (sku, 3));
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("allocated");

        await RunAllocationAsync(order);
        await Task.WhenAll(RunAllocationAsync(order), RunAllocationAsync(order));

        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 10, reserved: 3);
        KitFlow.History(await KitFlow.GetAsync(fixture, order.Activity)).ShouldBe(["received", "allocated"]);
    }

    [Fact]
    public async Task AllocateKitOrder_CrashBetweenReservingAndRecordingTheState_LeavesNothingHalfDoneAndTheNextRunAllocatesOnce()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);

        // The job Hangfire ran after the order's commit has reserved and then "crashed".
        var order = await PlaceThroughACrashAsync(sku, 2, "Simulated crash between reserving the stock and recording the allocation.");
        var activity = order.Activity;
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 0);

        // The recurring job resumes what the crash left, and running the order's own job again changes nothing.
        (await fixture.Admin.PostAsync("/api/admin/jobs/kit-allocation/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await KitFlow.WaitForStatusAsync(fixture, order, "allocated");
        await RunAllocationAsync(order);

        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 5, reserved: 2);
        KitFlow.History(await KitFlow.GetAsync(fixture, activity)).ShouldBe(["received", "allocated"]);
    }

    [Fact]
    public async Task AllocateKitOrder_EarlierOrderStillReceivedAfterACrash_IsServedBeforeALaterOrder()
    {
        // scripts/chaos.sh found this: after a kill -9 the orders whose jobs died stayed received, and
        // orders placed after the restart took their stock before the kit-allocation sweep came round.
        var sku = await KitFlow.NewItemAsync(fixture, stock: 1);
        var earlier = await PlaceThroughACrashAsync(sku, 1, "Simulated crash: the earlier order's job dies with the process.");

        var later = await KitFlow.PlaceAsync(fixture, await ActivityFlow.PublishAsync(fixture), KitFlow.Order((sku, 1)));

        (await KitFlow.WaitForStatusAsync(fixture, later, "allocated", "backordered")).ShouldBe("backordered");
        (await KitFlow.StatusAsync(fixture, earlier)).ShouldBe("allocated");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 1, reserved: 1);
    }

    [Fact]
    public async Task AllocateKitOrder_OneLineShort_ReservesNoneAndBackordersUntilTheReceipt()
    {
        var plenty = await KitFlow.NewItemAsync(fixture, stock: 5);
        var scarce = await KitFlow.NewItemAsync(fixture, stock: 1);

        var order = await KitFlow.OrderAsync(fixture, (plenty, 2), (scarce, 2));

        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("backordered");
        await KitFlow.ShouldHaveStockAsync(fixture, plenty, onHand: 5, reserved: 0);
        await KitFlow.ShouldHaveStockAsync(fixture, scarce, onHand: 1, reserved: 0);

        await KitFlow.ReceiveAsync(fixture, scarce, 1);

        await KitFlow.WaitForStatusAsync(fixture, order, "allocated");
        await KitFlow.ShouldHaveStockAsync(fixture, plenty, onHand: 5, reserved: 2);
        await KitFlow.ShouldHaveStockAsync(fixture, scarce, onHand: 2, reserved: 2);
        KitFlow.History(await KitFlow.GetAsync(fixture, order.Activity)).ShouldBe(["received", "backordered", "allocated"]);
    }

    [Fact]
    public async Task AllocateKitOrder_LaterSmallerOrder_DoesNotOvertakeAnEarlierBackorder()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 2);
        var large = await KitFlow.OrderAsync(fixture, (sku, 3));
        (await KitFlow.StatusAsync(fixture, large)).ShouldBe("backordered");

        var small = await KitFlow.OrderAsync(fixture, (sku, 1));

        (await KitFlow.StatusAsync(fixture, small)).ShouldBe("backordered");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 2, reserved: 0);

        await KitFlow.ReceiveAsync(fixture, sku, 1);
        await KitFlow.WaitForStatusAsync(fixture, large, "allocated");
        (await KitFlow.StatusAsync(fixture, small)).ShouldBe("backordered");

        await KitFlow.ReceiveAsync(fixture, sku, 1);
        await KitFlow.WaitForStatusAsync(fixture, small, "allocated");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 4, reserved: 4);
    }

    /// <summary>
    /// Places an order for the SKU and runs its allocation job, which crashes after reserving: the job is recorded
    /// as failed and the order is still received.
    /// </summary>
    private async Task<PlacedKitOrder> PlaceThroughACrashAsync(string sku, int quantity, string crash)
    {
        var crashes = fixture.App.AllocationCrashes;
        crashes.CrashOnceAfterReserving(sku, new InvalidOperationException(crash));
        var order = await KitFlow.PlaceAsync(fixture, await ActivityFlow.PublishAsync(fixture), KitFlow.Order((sku, quantity)));

        await fixture.RunJobsAsync();

        crashes.IsArmed(sku).ShouldBeFalse("the allocation job never reached the checkpoint");
        fixture.App.FailedJobs.ShouldContain(exception => exception.Message == crash);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("received");
        return order;
    }

    /// <summary>The order's allocation job, run as Hangfire runs it: in a scope of its own.</summary>
    private async Task RunAllocationAsync(PlacedKitOrder order)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AllocateKitOrderJob>().RunAsync(order.Id, CancellationToken.None);
    }
}
