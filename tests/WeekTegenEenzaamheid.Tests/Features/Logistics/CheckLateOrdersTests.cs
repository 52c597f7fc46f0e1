using System.Net;
using MimeKit;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

[Collection(AppCollection.Name)]
public sealed class CheckLateOrdersTests(AppFixture fixture)
{
    [Fact]
    public async Task LateOrdersJob_OrderStillWaitingForStockAndWantedTomorrow_IsReportedToTheLogisticsMailbox()
    {
        var sku = await KitFlow.NewItemAsync(fixture);
        var activity = await ActivityFlow.PublishAsync(fixture);
        var body = KitFlow.Order((sku, 1));
        body["wishedDeliveryDate"] = KitFlow.AmsterdamToday(fixture).AddDays(1).ToString("yyyy-MM-dd");
        var late = await KitFlow.PlaceAsync(fixture, activity, body);
        await KitFlow.WaitForStatusAsync(fixture, late, "backordered");
        var onTime = await KitFlow.OrderAsync(fixture, (sku, 1));

        var response = await fixture.Admin.PostAsync("/api/admin/jobs/late-orders/run", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var alert = await WaitForAlertAsync(late.Reference);
        alert.Subject.ShouldStartWith("Kom-Erbij pakketten die te laat dreigen te komen: ");
        alert.TextBody!.ShouldContain($"{late.Reference} (wacht op voorraad)");
        alert.TextBody!.ShouldContain("Soep & praat");
        alert.TextBody!.ShouldNotContain(onTime.Reference);
    }

    private async Task<MimeMessage> WaitForAlertAsync(string reference)
    {
        await fixture.RunJobsAsync();
        var alert = fixture.Smtp.MessagesTo(WteApp.LogisticsMailbox)
            .FirstOrDefault(message => message.TextBody?.Contains(reference, StringComparison.Ordinal) == true);
        alert.ShouldNotBeNull($"No late-orders alert about {reference} reached {WteApp.LogisticsMailbox}.");
        return alert;
    }
}
