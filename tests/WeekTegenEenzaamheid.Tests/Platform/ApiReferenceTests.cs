using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MimeKit;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>What a reader of /scalar needs to try every call: summaries, allowed values, required fields, credentials, examples.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiReferenceTests(AppFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    [Fact]
    public async Task OpenApi_EveryOperation_HasASummary()
    {
        var document = await DocumentAsync();

        var operations = Operations(document).ToList();
        operations.Count.ShouldBeGreaterThan(30);
        operations.Where(op => string.IsNullOrWhiteSpace(op.Operation["summary"]?.GetValue<string>()))
            .Select(op => op.Name).ShouldBeEmpty();
        document["paths"]!["/api/logistics/shipments/import"]!["post"]!["description"]!.GetValue<string>().ShouldContain("failedByCode");
    }

    [Fact]
    public async Task OpenApi_ActivityTypeAndTargetGroups_ListTheirAllowedValues_AndRequiredFieldsAreListed()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        var registration = schemas["RegisterActivityCommand"]!;
        Strings(registration["properties"]!["type"]!["enum"]).ShouldBe(
            ["meetup", "meal", "walk", "sport", "creative", "culture", "workshop", "information", "online", "other"]);
        Strings(registration["properties"]!["targetGroups"]!["items"]!["enum"]).ShouldContain("lowIncome");
        Strings(registration["required"]).ShouldContain("title");
        Strings(registration["required"]).ShouldContain("startsAt");
        registration["properties"]!["startsAt"]!["type"]!.GetValue<string>().ShouldBe("string");
        Strings(schemas["OrganiserInput"]!["required"]).ShouldBe(["contactName", "contactEmail"], ignoreOrder: true);
        Strings(schemas["SignUpForActivityBody"]!["required"]).ShouldBe(["name", "email", "partySize"], ignoreOrder: true);
        Strings(schemas["PlaceKitOrderDeliveryInput"]!["required"]).ShouldContain("postcode");
        Strings(schemas["ReceiveCarrierEventCommand"]!["properties"]!["status"]!["enum"]).ShouldBe(["delivered", "deliveryFailed"]);
        Strings(schemas["PublicActivity"]!["properties"]!["status"]!["enum"]).ShouldContain("published");
    }

    [Fact]
    public async Task OpenApi_TheThreeCredentials_AreSecuritySchemesOnTheOperationsThatTakeThem()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        (schemes["staffKey"]!["type"]!.GetValue<string>(), schemes["staffKey"]!["scheme"]!.GetValue<string>()).ShouldBe(("http", "bearer"));
        (schemes["manageToken"]!["in"]!.GetValue<string>(), schemes["manageToken"]!["name"]!.GetValue<string>()).ShouldBe(("header",
            "X-Manage-Token"));
        (schemes["cancelToken"]!["in"]!.GetValue<string>(), schemes["cancelToken"]!["name"]!.GetValue<string>()).ShouldBe(("header",
            "X-Cancel-Token"));
        Security(document, "/api/logistics/stock", "get").ShouldBe(["staffKey"]);
        Security(document, "/api/activities/{id}/manage", "get").ShouldBe(["manageToken"]);
        Security(document, "/api/registrations/{id}/cancel", "post").ShouldBe(["cancelToken"]);
        Security(document, "/api/activities", "post").ShouldBeEmpty();
        Strings(document["paths"]!["/api/activities"]!["get"]!["parameters"]!.AsArray().Select(p => p!["name"]).ToArray())
            .ShouldBe(["year", "municipality", "province", "type", "targetGroup", "from", "to", "q", "limit", "cursor"]);
    }

    [Fact]
    public async Task OpenApi_RegisterActivityExample_IsAcceptedAsItStands()
    {
        var document = await DocumentAsync();
        var example = document["paths"]!["/api/activities"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!;

        var response = await fixture.Public.PostAsync("/api/activities", new StringContent(example.ToJsonString(), Encoding.UTF8,
            "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The README's walk-through sends these files; each is accepted, in the order a first day would use them.</summary>
    [Fact]
    public async Task ExampleFiles_OfTheWalkThrough_AreEachAccepted()
    {
        await using var app = new WteApp(smtpPort: null);
        app.Clock.Advance(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow());
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        using var logistics = app.ClientWithKey(await app.CreateStaffKeyAsync("logistics"));
        using var client = app.CreateClient();

        (await admin.PutAsync("/api/editions/2027", Example("edition-2027.json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (activityId, token) = await RegisterAndVerifyAsync(app, client);
        (await client.PostAsync($"/api/activities/{activityId}/registrations",
            Example("sign-up.json"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await logistics.PutAsync("/api/logistics/items/KEP-POSTER-A3", Example("kit-item.json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var sku in new[] { "KEP-POSTER-A3", "KEP-PLACEMAT" })
        {
            (await logistics.PostAsync($"/api/logistics/stock/{sku}/receipts",
                Example("stock-receipt.json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var order = await SendAsync(client, HttpMethod.Post, $"/api/activities/{activityId}/kit-order", token, "kit-order.json");
        order.StatusCode.ShouldBe(HttpStatusCode.Created, await order.Content.ReadAsStringAsync());
        var reference = (await order.ReadJsonAsync())["reference"]!.GetValue<string>();
        await app.RunJobsAsync();
        (await logistics.PostAsync("/api/logistics/pick-batches", Example("pick-batch.json"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var shipped = await logistics.PostAsync($"/api/logistics/orders/{reference}/shipment", Example("shipment.json"));
        shipped.StatusCode.ShouldBe(HttpStatusCode.OK, await shipped.Content.ReadAsStringAsync());

        var (otherId, otherToken) = await RegisterAndVerifyAsync(app, client);
        var otherOrder = await SendAsync(client, HttpMethod.Post, $"/api/activities/{otherId}/kit-order", otherToken, "kit-order.json");
        otherOrder.StatusCode.ShouldBe(HttpStatusCode.Created, await otherOrder.Content.ReadAsStringAsync());
        var otherReference = (await otherOrder.ReadJsonAsync())["reference"]!.GetValue<string>();
        var cancelled = await logistics.PostAsync($"/api/logistics/orders/{otherReference}/cancel", Example("staff-cancel.json"));
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
        (await admin.PostAsync($"/api/admin/activities/{otherId}/reject", Example("reject.json"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.Clock.Advance(new DateTimeOffset(2027, 9, 21, 8, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow());
        var eventBody = await File.ReadAllBytesAsync(Repository.PathOf("scripts", "examples", "carrier-event.json"));
        var carrierEvent = new HttpRequestMessage(HttpMethod.Post, "/api/carrier-events") { Content = new ByteArrayContent(eventBody) };
        carrierEvent.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(WteApp.CarrierWebhookSecret), eventBody);
        carrierEvent.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        var received = await client.SendAsync(carrierEvent);
        received.StatusCode.ShouldBe(HttpStatusCode.OK, await received.Content.ReadAsStringAsync());
        (await received.ReadJsonAsync())["outcome"]!.GetValue<string>().ShouldBe("applied");

        app.Clock.Advance(new DateTimeOffset(2027, 10, 1, 15, 0, 0, TimeSpan.Zero) - app.Clock.GetUtcNow());
        (await SendAsync(client, HttpMethod.Post, $"/api/activities/{activityId}/attendance", token,
            "attendance.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(Guid Id, string Token)> RegisterAndVerifyAsync(WteApp app, HttpClient client)
    {
        var registered = await client.PostAsync("/api/activities", Example("activity.json"));
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = Guid.Parse((await registered.ReadJsonAsync())["id"]!.GetValue<string>());
        await app.RunJobsAsync();
        var email = Directory.GetFiles(app.PickupFolder, "*.eml").Select(file => MimeMessage.Load(file))
            .Single(message => message.TextBody?.Contains(id.ToString(), StringComparison.Ordinal) == true);
        var (_, token) = ActivityFlow.ManageLink(email);
        (await client.PostAsJsonAsync($"/api/activities/{id}/verify", new { token })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (id, token);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, string example)
    {
        var request = new HttpRequestMessage(method, path) { Content = Example(example) };
        request.Headers.Add("X-Manage-Token", token);
        return client.SendAsync(request);
    }

    private static ByteArrayContent Example(string name)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(Repository.PathOf("scripts", "examples", name)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<JsonObject> DocumentAsync() => (await fixture.Public.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(entry => Methods.Contains(entry.Key))
            .Select(entry => ($"{entry.Key} {path.Key}", entry.Value!)));

    private static string[] Security(JsonObject document, string path, string method) =>
        (document["paths"]![path]![method]!["security"]?.AsArray() ?? [])
            .SelectMany(requirement => requirement!.AsObject().Select(scheme => scheme.Key)).ToArray();

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(value => value!.GetValue<string>()).ToArray();

    private static string[] Strings(JsonNode?[] nodes) => nodes.Select(value => value!.GetValue<string>()).ToArray();
}
