using System.Net;
using System.Text;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

[Collection(AppCollection.Name)]
public sealed class ReceiveCarrierEventTests(AppFixture fixture)
{
    [Fact]
    public async Task ReceiveCarrierEvent_BadMissingOrTamperedSignature_Returns401AndChangesNothing()
    {
        var (order, trackingNumber) = await ShippedOrderAsync();
        var json = KitFlow.CarrierEventJson(trackingNumber, "delivered", DateTimeOffset.UtcNow);

        await (await fixture.Public.SendAsync(KitFlow.CarrierEvent(json, secret: "not-the-secret")))
            .ShouldBeProblemAsync(401, "invalidSignature");

        var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/carrier-events")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        await (await fixture.Public.SendAsync(unsigned)).ShouldBeProblemAsync(401, "invalidSignature");

        var tampered = KitFlow.CarrierEvent(json);
        tampered.Content = new StringContent(
            json.Replace("delivered", "deliveryFailed", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        await (await fixture.Public.SendAsync(tampered)).ShouldBeProblemAsync(401, "invalidSignature");

        var garbage = KitFlow.CarrierEvent(json);
        garbage.Headers.Remove("X-Signature");
        garbage.Headers.Add("X-Signature", "sha256=" + new string('z', 64));
        await (await fixture.Public.SendAsync(garbage)).ShouldBeProblemAsync(401, "invalidSignature");

        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("shipped");
    }

    [Fact]
    public async Task ReceiveCarrierEvent_Replayed_IsHarmless()
    {
        var (order, trackingNumber) = await ShippedOrderAsync();
        var json = KitFlow.CarrierEventJson(trackingNumber, "deliveryFailed", DateTimeOffset.UtcNow);

        var first = await fixture.Public.SendAsync(KitFlow.CarrierEvent(json));
        var replay = await fixture.Public.SendAsync(KitFlow.CarrierEvent(json));

        (await first.ReadJsonAsync())["outcome"]!.GetValue<string>().ShouldBe("applied");
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.ReadJsonAsync())["outcome"]!.GetValue<string>().ShouldBe("duplicate");
        KitFlow.History(await KitFlow.GetAsync(fixture, order.Activity)).Count(status => status == "deliveryFailed").ShouldBe(1);
        var emails = await fixture.Smtp.WaitForAsync(order.Activity.ContactEmail, count: 4);
        emails.Count(email => email.Subject?.StartsWith("Je Kom-Erbij pakket kon niet worden bezorgd", StringComparison.Ordinal) == true)
            .ShouldBe(1);
    }

    [Fact]
    public async Task ReceiveCarrierEvent_OlderEventArrivingLate_NeverMovesTheOrderBack()
    {
        var (order, trackingNumber) = await ShippedOrderAsync();
        var now = DateTimeOffset.UtcNow;

        await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson(trackingNumber, "delivered", now)));
        var late = await KitFlow.SendCarrierEventAsync(fixture, trackingNumber, "deliveryFailed", now.AddHours(-3));

        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await late.ReadJsonAsync())["outcome"]!.GetValue<string>().ShouldBe("ignored");
        var final = await KitFlow.GetAsync(fixture, order.Activity);
        final["status"]!.GetValue<string>().ShouldBe("delivered");
        KitFlow.History(final).ShouldNotContain("deliveryFailed");
    }

    [Fact]
    public async Task ReceiveCarrierEvent_UnknownTrackingNumberOrBadBody_Returns4xx()
    {
        var unknown = await KitFlow.SendCarrierEventAsync(fixture, "3SNEVERSHIPPED1", "delivered", DateTimeOffset.UtcNow);
        await unknown.ShouldBeProblemAsync(422, "unknownTrackingNumber");

        await (await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson("3SABCDEF", "lost", DateTimeOffset.UtcNow))))
            .ShouldBeValidationProblemAsync("status");
        await (await fixture.Public.SendAsync(KitFlow.CarrierEvent("{\"eventId\": "))).ShouldBeProblemAsync(400, "malformedRequest");
        const string extra = "{\"eventId\":\"e\",\"trackingNumber\":\"3SABCDEF\",\"status\":\"delivered\","
            + "\"occurredAt\":\"2027-01-01T00:00:00Z\",\"extra\":1}";
        await (await fixture.Public.SendAsync(KitFlow.CarrierEvent(extra)))
            .ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task ReceiveCarrierEvent_EightHoursInTheFuture_Returns422AndChangesNothing()
    {
        var (order, trackingNumber) = await ShippedOrderAsync();
        var ahead = fixture.App.Clock.GetUtcNow().AddHours(8);

        var response = await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson(trackingNumber, "delivered", ahead)));

        var problem = await response.ShouldBeValidationProblemAsync("occurredAt");
        problem["errors"]!["occurredAt"]![0]!.GetValue<string>().ShouldContain("future");
        (await KitFlow.StatusAsync(fixture, order)).ShouldBe("shipped");

        var slightlyFast = await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson(
            trackingNumber, "delivered", fixture.App.Clock.GetUtcNow().AddMinutes(10))));
        (await slightlyFast.ReadJsonAsync())["outcome"]!.GetValue<string>().ShouldBe("applied");
    }

    [Fact]
    public async Task ReceiveCarrierEvent_HistoryNote_ShowsTheInstantInAmsterdamTime()
    {
        var (order, trackingNumber) = await ShippedOrderAsync();

        await fixture.Public.SendAsync(KitFlow.CarrierEvent(KitFlow.CarrierEventJson(
            trackingNumber, "delivered", new DateTimeOffset(2025, 11, 29, 9, 3, 0, TimeSpan.Zero))));

        var history = (await KitFlow.StaffGetAsync(fixture, order.Reference))["history"]!.AsArray();
        history.Select(entry => entry!["note"]?.GetValue<string>()).ShouldContain("carrier: delivered at 2025-11-29 10:03");
    }

    private async Task<(PlacedKitOrder Order, string TrackingNumber)> ShippedOrderAsync()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 5);
        var order = await KitFlow.OrderAsync(fixture, (sku, 1));
        await KitFlow.BatchAsync(fixture);
        var trackingNumber = KitFlow.NewTrackingNumber();
        await KitFlow.ShipAsync(fixture, order, trackingNumber);
        return (order, trackingNumber);
    }
}
