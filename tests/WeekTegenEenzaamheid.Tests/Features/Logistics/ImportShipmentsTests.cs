using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

[Collection(AppCollection.Name)]
public sealed class ImportShipmentsTests(AppFixture fixture)
{
    [Fact]
    public async Task ImportShipments_MixedFile_ShipsTheGoodRowsAndReportsEachRow()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var first = await KitFlow.OrderAsync(fixture, (sku, 1));
        var second = await KitFlow.OrderAsync(fixture, (sku, 1));
        var sameTracking = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        var third = await KitFlow.OrderAsync(fixture, (sku, 1));
        (await KitFlow.StatusAsync(fixture, third)).ShouldBe("allocated");
        var (one, two) = (KitFlow.NewTrackingNumber(), KitFlow.NewTrackingNumber());
        var csv = string.Join("\r\n",
            "Reference,Carrier,TrackingNumber",
            $"{first.Reference},PostNL,{one}",
            "KE-2000-99999,PostNL,3SNOSUCHORDER1",
            $"{second.Reference},PostNL,x",
            $"{second.Reference},PostNL",
            $"{third.Reference},PostNL,{KitFlow.NewTrackingNumber()}",
            "",
            $"\"{second.Reference}\",\"PostNL\",\"{two}\"",
            $"{first.Reference},PostNL,{one}",
            $"{sameTracking.Reference},PostNL,{one}");

        var response = await ImportAsync(csv);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.ReadJsonAsync();
        var rows = report["rows"]!.AsArray().Select(row => row!.AsObject()).ToArray();
        rows.Select(row => (row["line"]!.GetValue<int>(), row["outcome"]!.GetValue<string>(), Code(row))).ShouldBe([
            (2, "shipped", null),
            (3, "failed", "notFound"),
            (4, "failed", "validationFailed"),
            (5, "failed", "malformedRow"),
            (6, "failed", "kitOrderNotPicking"),
            (8, "shipped", null),
            (9, "alreadyShipped", null),
            (10, "failed", "trackingNumberInUse"),
        ]);
        (report["shipped"]!.GetValue<int>(), report["unchanged"]!.GetValue<int>(), report["failed"]!.GetValue<int>()).ShouldBe((2, 1, 5));
        (await KitFlow.StatusAsync(fixture, first)).ShouldBe("shipped");
        (await KitFlow.StatusAsync(fixture, second)).ShouldBe("shipped");
        (await KitFlow.StaffGetAsync(fixture, second.Reference))["shipment"]!["trackingNumber"]!.GetValue<string>().ShouldBe(two);

        // The same file again ships nothing twice.
        var again = await (await ImportAsync(csv)).ReadJsonAsync();
        (again["shipped"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()).ShouldBe((0, 3));
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 3, reserved: 2);
    }

    [Fact]
    public async Task ImportShipments_SemicolonsFromDutchExcelWithByteOrderMark_AreRead()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);

        var response = await ImportAsync($"\uFEFFreference;carrier;trackingNumber\r\n{order.Reference};DHL;{KitFlow.NewTrackingNumber()}\r\n");

        (await response.ReadJsonAsync())["shipped"]!.GetValue<int>().ShouldBe(1);
        var shipment = (await KitFlow.StaffGetAsync(fixture, order.Reference))["shipment"]!;
        shipment["carrier"]!.GetValue<string>().ShouldBe("DHL");
        shipment["trackingUrl"].ShouldBeNull();
    }

    [Fact]
    public async Task ImportShipments_WithoutTheHeaderOrAsJson_IsRejectedWhole()
    {
        await (await ImportAsync("KE-2000-00001,PostNL,3SABCDEF12345\n")).ShouldBeProblemAsync(422, "csvHeader");
        await (await ImportAsync(string.Empty)).ShouldBeProblemAsync(422, "csvHeader");

        var json = await fixture.Logistics.PostAsync("/api/logistics/shipments/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    private Task<HttpResponseMessage> ImportAsync(string csv) =>
        fixture.Logistics.PostAsync("/api/logistics/shipments/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string? Code(JsonObject row) => row["code"]?.GetValue<string>();
}
