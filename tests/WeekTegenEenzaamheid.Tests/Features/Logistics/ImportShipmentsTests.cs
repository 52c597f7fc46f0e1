using System.Globalization;
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

        var response = await ImportAsync(
            $"\uFEFFreference;carrier;trackingNumber\r\n{order.Reference};DHL;{KitFlow.NewTrackingNumber()}\r\n");

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

        var json = await fixture.Logistics.PostAsync(
            "/api/logistics/shipments/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ImportShipments_MegabyteOfJunkRows_AnswersCountsPerCodeAndTheFirstHundredFailedRows()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 1);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        var csv = new StringBuilder("reference,carrier,trackingNumber\n");
        csv.Append(CultureInfo.InvariantCulture, $"{order.Reference},PostNL,{KitFlow.NewTrackingNumber()}\n");
        var junk = 0;
        while (csv.Length < 1024 * 1024 - 200)
        {
            csv.Append(junk % 2 == 0 ? "x\n" : "KE-2000-99999,PostNL,3SNOSUCHORDER1\n");
            junk++;
        }

        var response = await ImportAsync(csv.ToString());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync();
        body.Length.ShouldBeLessThan(32 * 1024);
        var report = JsonNode.Parse(body)!.AsObject();
        (report["shipped"]!.GetValue<int>(), report["failed"]!.GetValue<int>()).ShouldBe((1, junk));
        report["failedByCode"]!["malformedRow"]!.GetValue<int>().ShouldBe((junk + 1) / 2);
        report["failedByCode"]!["notFound"]!.GetValue<int>().ShouldBe(junk / 2);
        var rows = report["rows"]!.AsArray();
        rows.Count.ShouldBe(1 + ImportShipmentsLimit);
        rows[0]!["outcome"]!.GetValue<string>().ShouldBe("shipped");
        rows[1]!["line"]!.GetValue<int>().ShouldBe(3);
        rows[1]!["message"]!.GetValue<string>().ShouldContain("found 1");
        report["failedRowsLeftOut"]!.GetValue<int>().ShouldBe(junk - ImportShipmentsLimit);
    }

    [Fact]
    public async Task ImportShipments_Windows1252WithItsCharset_StoresTheAccentedCarrier()
    {
        var order = await PickedOrderAsync();
        var tracking = KitFlow.NewTrackingNumber();
        var file = Windows1252($"reference,carrier,trackingNumber\r\n{order.Reference},Bpost Belgi\u00EB,{tracking}\r\n");
        file.ShouldContain((byte)0xEB);

        var response = await ImportBytesAsync(file, "text/csv; charset=windows-1252");

        (await response.ReadJsonAsync())["shipped"]!.GetValue<int>().ShouldBe(1);
        await ShouldHaveCarrierAsync(order, "Bpost België");
    }

    [Theory]
    [InlineData("windows-1252 without a charset")]
    [InlineData("UTF-8 without a charset")]
    [InlineData("UTF-8 with a byte order mark")]
    [InlineData("UTF-16 LE with a byte order mark")]
    [InlineData("UTF-16 BE with a byte order mark")]
    [InlineData("ISO-8859-1 with its charset")]
    public async Task ImportShipments_EncodingsAsWarehouseSoftwareWritesThem_AreRead(string variant)
    {
        var order = await PickedOrderAsync();
        var text = $"reference;carrier;trackingNumber\r\n{order.Reference};Bpost Belgi\u00EB;{KitFlow.NewTrackingNumber()}\r\n";
        var (file, contentType) = variant switch
        {
            "windows-1252 without a charset" => (Windows1252(text), "text/csv"),
            "UTF-8 without a charset" => (Encoding.UTF8.GetBytes(text), "text/csv"),
            "UTF-8 with a byte order mark" => ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], "text/csv"),
            "UTF-16 LE with a byte order mark" => ([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], "text/csv"),
            "UTF-16 BE with a byte order mark" =>
                ([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)], "text/csv"),
            "ISO-8859-1 with its charset" => (Encoding.Latin1.GetBytes(text), "text/csv; charset=ISO-8859-1"),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        var response = await ImportBytesAsync(file, contentType);

        (await response.ReadJsonAsync())["shipped"]!.GetValue<int>().ShouldBe(1);
        await ShouldHaveCarrierAsync(order, "Bpost België");
    }

    [Theory]
    [InlineData("semicolons, quotes, CRLF, blank and empty rows, stray empty columns", "\r\n", ";")]
    [InlineData("commas and LF only", "\n", ",")]
    [InlineData("old Mac CR only", "\r", ",")]
    public async Task ImportShipments_LayoutsOfDutchExcelAndCarrierSoftware_AreRead(string variant, string newline, string delimiter)
    {
        var first = await PickedOrderAsync();
        var second = await PickedOrderAsync();
        var d = delimiter;
        var csv = string.Join(newline,
            $"\"Reference\"{d}\"Carrier\"{d}\"TrackingNumber\"{d}{d}",
            $"\"{first.Reference}\"{d}\"Bpost {d} België\"{d}{KitFlow.NewTrackingNumber()}{d}{d}",
            "",
            $"{d}{d}{d}",
            $" {second.Reference} {d} PostNL {d} {KitFlow.NewTrackingNumber()} ",
            $"{second.Reference}{d}PostNL{d}{KitFlow.NewTrackingNumber()}{d}extra",
            "") ;

        var response = await ImportAsync(csv);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, variant);
        var report = await response.ReadJsonAsync();
        (report["shipped"]!.GetValue<int>(), report["failed"]!.GetValue<int>()).ShouldBe((2, 1), report.ToJsonString());
        var failed = report["rows"]!.AsArray().Single(row => row!["outcome"]!.GetValue<string>() == "failed")!;
        (failed["line"]!.GetValue<int>(), failed["code"]!.GetValue<string>()).ShouldBe((6, "malformedRow"));
        failed["message"]!.GetValue<string>().ShouldContain("found 4");
        await ShouldHaveCarrierAsync(first, $"Bpost {d} België");
        await ShouldHaveCarrierAsync(second, "PostNL");
    }

    [Fact]
    public async Task ImportShipments_ExcelSeparatorHintLine_IsRead()
    {
        var order = await PickedOrderAsync();

        var tracking = KitFlow.NewTrackingNumber();
        var response = await ImportAsync($"sep=;\r\nreference;carrier;trackingNumber\r\n{order.Reference};DHL;{tracking}\r\n");

        var report = await response.ReadJsonAsync();
        report["shipped"]!.GetValue<int>().ShouldBe(1, report.ToJsonString());
        report["rows"]![0]!["line"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task ImportShipments_UnclosedQuote_FailsThatRowAndSaysWhy()
    {
        var order = await PickedOrderAsync();

        var response = await ImportAsync($"reference,carrier,trackingNumber\n{order.Reference},Post\"NL,{KitFlow.NewTrackingNumber()}\n");

        var row = (await response.ReadJsonAsync())["rows"]![0]!;
        (row["line"]!.GetValue<int>(), row["code"]!.GetValue<string>()).ShouldBe((2, "malformedRow"));
        row["message"]!.GetValue<string>().ShouldContain("quote");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
    }

    [Fact]
    public async Task ImportShipments_InvalidUtf8UnderAUtf8Charset_Is422NamingTheLine()
    {
        var order = await PickedOrderAsync();
        byte[] file = [.. Encoding.UTF8.GetBytes($"reference,carrier,trackingNumber\n{order.Reference},Bpost Belgi"), 0xEB, .. "\n"u8];

        var response = await ImportBytesAsync(file, "text/csv; charset=utf-8");

        var problem = await response.ShouldBeProblemAsync(422, "csvEncoding");
        problem["detail"]!.GetValue<string>().ShouldContain("Line 2");
        await (await ImportBytesAsync(file, "text/csv; charset=klingon")).ShouldBeProblemAsync(422, "csvEncoding");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
    }

    private const int ImportShipmentsLimit = 100;

    private async Task<PlacedKitOrder> PickedOrderAsync()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 1);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");
        return order;
    }

    private async Task ShouldHaveCarrierAsync(PlacedKitOrder order, string carrier) =>
        (await KitFlow.StaffGetAsync(fixture, order.Reference))["shipment"]!["carrier"]!.GetValue<string>().ShouldBe(carrier);

    private static byte[] Windows1252(string text) => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);

    private Task<HttpResponseMessage> ImportBytesAsync(byte[] file, string contentType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return fixture.Logistics.PostAsync("/api/logistics/shipments/import", content);
    }

    private Task<HttpResponseMessage> ImportAsync(string csv) =>
        fixture.Logistics.PostAsync("/api/logistics/shipments/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string? Code(JsonObject row) => row["code"]?.GetValue<string>();
}
