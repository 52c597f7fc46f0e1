using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

public sealed record PlacedKitOrder(Guid Id, string Reference, RegisteredActivity Activity);

/// <summary>
/// What initiators and the warehouse do with the kit. Tests make their own SKUs (PUT, then a
/// receipt), so no test depends on stock another test moved.
/// </summary>
public static class KitFlow
{
    public static async Task<string> NewItemAsync(AppFixture fixture, int stock = 0, int maxPerOrder = 10)
    {
        var sku = "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var response = await fixture.Logistics.PutAsJsonAsync($"/api/logistics/items/{sku}", new
        {
            name = $"Testartikel {sku}",
            description = "Alleen voor de tests.",
            maxPerOrder,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        if (stock > 0)
        {
            await ReceiveAsync(fixture, sku, stock);
        }

        return sku;
    }

    public static async Task ReceiveAsync(AppFixture fixture, string sku, int quantity)
    {
        var response = await fixture.Logistics.PostAsJsonAsync($"/api/logistics/stock/{sku}/receipts", new { quantity, note = "test" });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> StockAsync(AppFixture fixture, string sku)
    {
        var rows = await fixture.Logistics.GetFromJsonAsync<JsonArray>("/api/logistics/stock");
        return rows!.Single(row => row!["sku"]!.GetValue<string>() == sku)!.AsObject();
    }

    public static async Task ShouldHaveStockAsync(AppFixture fixture, string sku, int onHand, int reserved)
    {
        var row = await StockAsync(fixture, sku);
        (row["onHand"]!.GetValue<int>(), row["reserved"]!.GetValue<int>(), row["available"]!.GetValue<int>())
            .ShouldBe((onHand, reserved, onHand - reserved), row.ToJsonString());
    }

    public static JsonObject Order(params (string Sku, int Quantity)[] lines) => new()
    {
        ["lines"] = new JsonArray(
            lines.Select(line => (JsonNode)new JsonObject { ["sku"] = line.Sku, ["quantity"] = line.Quantity }).ToArray()),
        ["delivery"] = new JsonObject
        {
            ["recipient"] = "Fatima Yilmaz",
            ["street"] = "Lindelaan",
            ["houseNumber"] = "12a",
            ["postcode"] = "1234ab",
            ["city"] = "Lelystad",
            ["phone"] = "0612345678",
        },
    };

    public static string OrderPath(RegisteredActivity activity) => $"/api/activities/{activity.Id}/kit-order";

    public static Task<HttpResponseMessage> PostOrderAsync(AppFixture fixture, RegisteredActivity activity, JsonObject body) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, OrderPath(activity), activity.ManageToken, body));

    /// <summary>GET of the activity's kit order with its own manage token.</summary>
    public static Task<HttpResponseMessage> GetAsOwnerAsync(AppFixture fixture, RegisteredActivity activity) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, OrderPath(activity), activity.ManageToken));

    /// <summary>The owner cancels the activity's kit order.</summary>
    public static Task<HttpResponseMessage> CancelAsOwnerAsync(AppFixture fixture, RegisteredActivity activity) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, OrderPath(activity) + "/cancel", activity.ManageToken));

    public static async Task<PlacedKitOrder> PlaceAsync(AppFixture fixture, RegisteredActivity activity, JsonObject body)
    {
        var response = await PostOrderAsync(fixture, activity, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var placed = await response.ReadJsonAsync();
        return new PlacedKitOrder(Guid.Parse(placed["id"]!.GetValue<string>()), placed["reference"]!.GetValue<string>(), activity);
    }

    /// <summary>A published activity with an order for the lines; returns once allocation has run.</summary>
    public static async Task<PlacedKitOrder> OrderAsync(AppFixture fixture, params (string Sku, int Quantity)[] lines)
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var order = await PlaceAsync(fixture, activity, Order(lines));
        await WaitForStatusAsync(fixture, order, "allocated", "backordered");
        return order;
    }

    public static async Task<JsonObject> GetAsync(AppFixture fixture, RegisteredActivity activity)
    {
        var response = await GetAsOwnerAsync(fixture, activity);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonObject> StaffGetAsync(AppFixture fixture, string reference) =>
        (await fixture.Logistics.GetFromJsonAsync<JsonObject>($"/api/logistics/orders/{reference}"))!;

    public static async Task<string> StatusAsync(AppFixture fixture, PlacedKitOrder order) =>
        (await StaffGetAsync(fixture, order.Reference))["status"]!.GetValue<string>();

    /// <summary>Background jobs move orders: this runs them, then expects the order in one of the states.</summary>
    public static async Task<string> WaitForStatusAsync(AppFixture fixture, PlacedKitOrder order, params string[] statuses)
    {
        await fixture.RunJobsAsync();
        var status = await StatusAsync(fixture, order);
        statuses.ShouldContain(status, $"{order.Reference} is {status}; expected {string.Join(" or ", statuses)}.");
        return status;
    }

    public static async Task<Guid> BatchAsync(AppFixture fixture)
    {
        var response = await fixture.Logistics.PostAsync("/api/logistics/pick-batches", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>());
    }

    public static string NewTrackingNumber() => "3S" + Guid.NewGuid().ToString("N")[..13].ToUpperInvariant();

    /// <summary>Staff record a shipment of the order with this reference.</summary>
    public static Task<HttpResponseMessage> PostShipmentAsync(
        AppFixture fixture, string reference, string carrier, string trackingNumber) =>
        fixture.Logistics.PostAsJsonAsync($"/api/logistics/orders/{reference}/shipment", new { carrier, trackingNumber });

    public static async Task ShipAsync(AppFixture fixture, PlacedKitOrder order, string trackingNumber)
    {
        var response = await PostShipmentAsync(fixture, order.Reference, "PostNL", trackingNumber);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static HttpRequestMessage CarrierEvent(string json, string secret = WteApp.CarrierWebhookSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/carrier-events")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(json));
        request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        return request;
    }

    /// <summary>A correctly signed carrier event for the tracking number.</summary>
    public static Task<HttpResponseMessage> SendCarrierEventAsync(
        AppFixture fixture, string trackingNumber, string status, DateTimeOffset occurredAt) =>
        fixture.Public.SendAsync(CarrierEvent(CarrierEventJson(trackingNumber, status, occurredAt)));

    public static string CarrierEventJson(string trackingNumber, string status, DateTimeOffset occurredAt, string? eventId = null) =>
        new JsonObject
        {
            ["eventId"] = eventId ?? Guid.NewGuid().ToString(),
            ["trackingNumber"] = trackingNumber,
            ["status"] = status,
            ["occurredAt"] = occurredAt.ToString("O"),
        }.ToJsonString();

    public static DateOnly AmsterdamToday(AppFixture fixture) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.App.Clock.GetUtcNow(), TestEdition.Amsterdam).DateTime);

    public static IReadOnlyList<string> History(JsonObject order) =>
        order["history"]!.AsArray().Select(entry => entry!["status"]!.GetValue<string>()).ToArray();
}
