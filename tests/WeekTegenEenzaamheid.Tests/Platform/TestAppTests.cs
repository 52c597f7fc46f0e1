using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>
/// No test may depend on how fast a busy machine runs background work (AllocateKitOrder_TwentyParallelOrders… once
/// waited 30 s for an e-mail that had not been sent yet): the tests' app runs no Hangfire server, and a test runs the
/// enqueued jobs itself before it looks at what they do.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TestAppTests(AppFixture fixture)
{
    [Fact]
    public void TestApp_RunsNoHangfireServer()
    {
        fixture.App.Services.GetServices<IHostedService>().Select(service => service.GetType().Name)
            .ShouldNotContain("BackgroundJobServerHostedService");
    }

    [Fact]
    public async Task TestApp_EnqueuedWork_WaitsUntilATestRunsIt()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 1);
        var order = await KitFlow.PlaceAsync(fixture, await ActivityFlow.PublishAsync(fixture), KitFlow.Order((sku, 1)));

        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("received");
        fixture.Smtp.MessagesTo(order.Activity.ContactEmail).Count.ShouldBe(1);

        await fixture.RunJobsAsync();

        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("allocated");
        fixture.Smtp.MessagesTo(order.Activity.ContactEmail).Count.ShouldBe(2);
    }
}
