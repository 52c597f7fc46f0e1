using System.Net;
using System.Net.Http.Json;
using System.Text;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

/// <summary>The whole path of a kit, as the initiator and the warehouse see it.</summary>
[Collection(AppCollection.Name)]
public sealed class WarehouseDayTests(AppFixture fixture)
{
    [Fact]
    public async Task KitOrder_FromOrderToDelivery_ThroughBatchPickListShipmentAndCarrierEvent()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 10);
        var activity = await ActivityFlow.PublishAsync(fixture);
        var body = KitFlow.Order((sku, 4), ("KEP-BUTTONS", 1));
        body["delivery"]!["recipient"] = "=Buurthuis De Linde";
        var wished = fixture.Edition.StartsOn.AddDays(-2);
        body["wishedDeliveryDate"] = wished.ToString("yyyy-MM-dd");
        await KitFlow.ReceiveAsync(fixture, "KEP-BUTTONS", 1);
        var order = await KitFlow.PlaceAsync(fixture, activity, body);
        (await KitFlow.WaitForStatusAsync(fixture, order, "allocated", "backordered")).ShouldBe("allocated");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 10, reserved: 4);

        // The warehouse makes a batch and prints its pick list.
        var batchResponse = await fixture.Logistics.PostAsync("/api/logistics/pick-batches", null);
        batchResponse.StatusCode.ShouldBe(HttpStatusCode.Created, await batchResponse.Content.ReadAsStringAsync());
        var batch = await batchResponse.ReadJsonAsync();
        batch["orderCount"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);
        batchResponse.Headers.Location!.ToString().ShouldBe($"/api/logistics/pick-batches/{batch["id"]}/pick-list.csv");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("picking");

        var pickList = await fixture.Logistics.GetAsync(batchResponse.Headers.Location);
        pickList.StatusCode.ShouldBe(HttpStatusCode.OK);
        pickList.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        pickList.Content.Headers.ContentDisposition!.FileNameStar!.ShouldStartWith("paklijst-");
        var bytes = await pickList.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        var csv = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var rows = csv.Split("\r\n");
        rows[0].ShouldBe("Artikelnummer;Artikel;Totaal aantal");
        rows.ShouldContain($"{sku};Testartikel {sku};4");
        rows.ShouldContain(string.Empty);
        rows.ShouldContain("Referentie;Adreslabel;Telefoon;Gewenste leverdatum;Inhoud");
        // One row per order with its address label (multi-line, so quoted); a leading "=" cannot become a formula.
        csv.ShouldContain(
            $"{order.Reference};\"'=Buurthuis De Linde\nLindelaan 12a\n1234 AB  LELYSTAD\";0612345678;{wished:dd-MM-yyyy};"
            + $"1 × KEP-BUTTONS Buttons, 4 × {sku} Testartikel {sku}");

        // The parcel leaves with PostNL.
        var trackingNumber = KitFlow.NewTrackingNumber();
        var shipment = await KitFlow.PostShipmentAsync(fixture, order.Reference, "postnl", trackingNumber);
        shipment.StatusCode.ShouldBe(HttpStatusCode.OK, await shipment.Content.ReadAsStringAsync());
        var trackingUrl = $"https://jouw.postnl.nl/track-and-trace/{trackingNumber}-NL-1234AB";
        (await shipment.ReadJsonAsync())["shipment"]!["trackingUrl"]!.GetValue<string>().ShouldBe(trackingUrl);
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 6, reserved: 0);

        var shipped = (await fixture.Smtp.WaitForAsync(activity.ContactEmail, count: 3))
            .Single(email => email.Subject == $"Je Kom-Erbij pakket is onderweg ({order.Reference})");
        shipped.TextBody!.ShouldContain(trackingUrl);
        shipped.TextBody!.ShouldContain("Vervoerder: PostNL");
        shipped.HtmlBody!.ShouldContain($"href=\"{trackingUrl}\"");

        var owner = await KitFlow.GetAsync(fixture, activity);
        owner["status"]!.GetValue<string>().ShouldBe("shipped");
        owner["shipment"]!["carrier"]!.GetValue<string>().ShouldBe("PostNL");
        owner["shipment"]!["trackingNumber"]!.GetValue<string>().ShouldBe(trackingNumber);
        owner["shipment"]!["trackingUrl"]!.GetValue<string>().ShouldBe(trackingUrl);

        // PostNL tells us it was delivered.
        var delivered = await KitFlow.SendCarrierEventAsync(fixture, trackingNumber, "delivered", DateTimeOffset.UtcNow);
        delivered.StatusCode.ShouldBe(HttpStatusCode.OK, await delivered.Content.ReadAsStringAsync());
        (await delivered.ReadJsonAsync())["outcome"]!.GetValue<string>().ShouldBe("applied");

        var final = await KitFlow.GetAsync(fixture, activity);
        final["status"]!.GetValue<string>().ShouldBe("delivered");
        KitFlow.History(final).ShouldBe(["received", "allocated", "picking", "shipped", "delivered"]);
        var at = final["history"]!.AsArray().Select(entry => DateTimeOffset.Parse(entry!["at"]!.GetValue<string>())).ToArray();
        at.ShouldBe(at.Order().ToArray());
    }

    [Fact]
    public async Task KitOrder_ShippedByImport_DeliveryFailsThenSucceeds()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 2));
        await KitFlow.BatchAsync(fixture);
        var trackingNumber = KitFlow.NewTrackingNumber();

        var import = await fixture.Logistics.PostAsync(
            "/api/logistics/shipments/import",
            new StringContent($"reference,carrier,trackingNumber\n{order.Reference},PostNL,{trackingNumber}\n", Encoding.UTF8, "text/csv"));

        import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
        (await import.ReadJsonAsync())["shipped"]!.GetValue<int>().ShouldBe(1);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("shipped");
        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 3, reserved: 0);

        var now = DateTimeOffset.UtcNow;
        var failed = await KitFlow.SendCarrierEventAsync(fixture, trackingNumber, "deliveryFailed", now.AddHours(-1));
        failed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("deliveryFailed");
        var email = (await fixture.Smtp.WaitForAsync(order.Activity.ContactEmail, count: 4))
            .Single(message => message.Subject == $"Je Kom-Erbij pakket kon niet worden bezorgd ({order.Reference})");
        email.TextBody!.ShouldContain($"https://jouw.postnl.nl/track-and-trace/{trackingNumber}-NL-1234AB");

        // The carrier tries again the next day and succeeds.
        await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson(trackingNumber, "delivered", now)));

        var final = await KitFlow.GetAsync(fixture, order.Activity);
        final["status"]!.GetValue<string>().ShouldBe("delivered");
        KitFlow.History(final).ShouldBe(["received", "allocated", "picking", "shipped", "deliveryFailed", "delivered"]);
    }

    [Fact]
    public async Task PickBatchesJob_RunByTheProgrammeOffice_BatchesAllocatedOrders()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));

        var response = await fixture.Admin.PostAsync("/api/admin/jobs/pick-batches/run", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await KitFlow.WaitForStatusAsync(fixture, order, "picking");
        var batchId = (await KitFlow.StaffGetAsync(fixture, order.Reference))["pickBatchId"]!.GetValue<Guid>();
        // No staff member made it: the print view names the job, as it did before batches kept who made them by id.
        var view = await PageClient.GetAsync(await fixture.App.SignedInClientAsync("logistics"), $"/magazijn/pickbatches/{batchId}");
        view.Body!.Text().ShouldContain("gemaakt door pick-batches job.");
    }

    [Fact]
    public async Task CreatePickBatch_WithMax_TakesTheOldestAllocatedOrdersOnly()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        await (await fixture.Logistics.PostAsync("/api/logistics/pick-batches", null)).Content.ReadAsStringAsync();
        var first = await KitFlow.OrderAsync(fixture, (sku, 1));
        var second = await KitFlow.OrderAsync(fixture, (sku, 1));

        var response = await fixture.Logistics.PostAsJsonAsync("/api/logistics/pick-batches", new { max = 1 });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync())["orderCount"]!.GetValue<int>().ShouldBe(1);
        (await KitFlow.StatusAsync(fixture, first)).ShouldBe("picking");
        (await KitFlow.StatusAsync(fixture, second)).ShouldBe("allocated");
        await KitFlow.BatchAsync(fixture);
        await (await fixture.Logistics.PostAsync("/api/logistics/pick-batches", null)).ShouldBeProblemAsync(409, "nothingToPick");
        await (await fixture.Logistics.PostAsJsonAsync("/api/logistics/pick-batches", new { max = 0 }))
            .ShouldBeValidationProblemAsync("max");
        await (await fixture.Logistics.GetAsync($"/api/logistics/pick-batches/{Guid.NewGuid()}/pick-list.csv")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task RecordShipment_WrongStateOrTrackingNumberTaken_Returns409AndRepeatIsHarmless()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var first = await KitFlow.OrderAsync(fixture, (sku, 1));
        await (await KitFlow.PostShipmentAsync(fixture, first.Reference, "PostNL", KitFlow.NewTrackingNumber()))
            .ShouldBeProblemAsync(409, "kitOrderNotPicking");
        var second = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        var trackingNumber = KitFlow.NewTrackingNumber();
        await KitFlow.ShipAsync(fixture, first, trackingNumber);

        await KitFlow.ShipAsync(fixture, first, trackingNumber);
        await (await KitFlow.PostShipmentAsync(fixture, first.Reference, "PostNL", KitFlow.NewTrackingNumber()))
            .ShouldBeProblemAsync(409, "alreadyShipped");
        await (await KitFlow.PostShipmentAsync(fixture, second.Reference, "PostNL", trackingNumber))
            .ShouldBeProblemAsync(409, "trackingNumberInUse");
        await (await KitFlow.PostShipmentAsync(fixture, second.Reference, "", "12"))
            .ShouldBeValidationProblemAsync("carrier", "trackingNumber");
        await (await KitFlow.PostShipmentAsync(fixture, "KE-2000-99999", "PostNL", KitFlow.NewTrackingNumber()))
            .ShouldBeProblemAsync(404);

        await KitFlow.ShouldHaveStockAsync(fixture, sku, onHand: 4, reserved: 1);
        KitFlow.History(await KitFlow.GetAsync(fixture, first.Activity)).Count(status => status == "shipped").ShouldBe(1);
        (await fixture.Smtp.WaitForAsync(first.Activity.ContactEmail, count: 3))
            .Count(email => email.Subject?.StartsWith("Je Kom-Erbij pakket is onderweg", StringComparison.Ordinal) == true)
            .ShouldBe(1);
    }
}
