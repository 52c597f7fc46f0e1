using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>One-line fields refuse every control character; descriptions and notes keep their line breaks only.</summary>
[Collection(AppCollection.Name)]
public sealed class TextRulesTests(AppFixture fixture)
{
    public static TheoryData<string, string?, string, string> BrokenLines => new()
    {
        { "title", null, "Soep\r\nBcc: iedereen@example.nl", "title" },
        { "title", null, "Soep\u2028praat", "title" },
        { "contactName", "organiser", "Fatima\nYilmaz", "organiser.contactName" },
        { "contactEmail", "organiser", "fatima@example.nl\n", "organiser.contactEmail" },
        { "organisationName", "organiser", "Buurt\u0007huis", "organiser.organisationName" },
        { "phone", "organiser", "0612345678\n", "organiser.phone" },
        { "venueName", "location", "Buurthuis\u0085De Linde", "location.venueName" },
        { "street", "location", "Lindelaan\r", "location.street" },
        { "houseNumber", "location", "12a\n", "location.houseNumber" },
        { "city", "location", "Lely\tstad", "location.city" },
        { "description", null, "Soep\u0000", "description" },
        { "accessibilityNotes", null, "Drempel\u001b[2J", "accessibilityNotes" },
    };

    [Theory]
    [MemberData(nameof(BrokenLines))]
    public async Task RegisterActivity_ControlCharacterInAField_Returns422OnThatField(
        string field, string? parent, string value, string path)
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body = parent is null ? body.With(field, value) : body.WithIn(parent, field, value);

        var response = await fixture.Public.PostAsJsonAsync("/api/activities", body);

        await response.ShouldBeValidationProblemAsync(path);
    }

    [Fact]
    public async Task RegisterActivity_LineBreaksInDescriptionAndNotes_AreKept()
    {
        var body = ActivityBodies.Valid(fixture.Edition)
            .With("description", "Eerst soep.\r\nDan praten.\n\tEn koffie.")
            .With("accessibilityNotes", "Ingang aan de achterkant.\nLift aanwezig.");

        var activity = await ActivityFlow.RegisterAsync(fixture, body);

        var request = ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage", activity.ManageToken);
        var managed = await (await fixture.Public.SendAsync(request)).ReadJsonAsync();
        managed["description"]!.GetValue<string>().ShouldBe("Eerst soep.\r\nDan praten.\n\tEn koffie.");
    }

    [Fact]
    public async Task ChangeActivity_LineBreakInTitle_Returns422()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var patch = ActivityFlow.AsOwner(
            HttpMethod.Patch, $"/api/activities/{activity.Id}", activity.ManageToken, new { title = "Soep\nen praat" });

        await (await fixture.Public.SendAsync(patch)).ShouldBeValidationProblemAsync("title");
    }

    [Theory]
    [InlineData("recipient", "Fatima\r\nYilmaz")]
    [InlineData("street", "Lindelaan\n2")]
    [InlineData("city", "Lelystad\u000b")]
    [InlineData("postcode", "1234AB\n")]
    public async Task PlaceKitOrder_ControlCharacterInTheAddress_Returns422OnThatField(string field, string value)
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var body = KitFlow.Order(("ANY-SKU", 1)).WithIn("delivery", field, value);

        var response = await KitFlow.PostOrderAsync(fixture, activity, body);

        var problem = await response.ShouldBeProblemAsync(422, "validationFailed");
        problem["errors"]!.AsObject().ContainsKey($"delivery.{field}").ShouldBeTrue(problem.ToJsonString());
    }

    [Fact]
    public async Task SignUpForActivity_LineBreakInName_Returns422()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await SignUpFlow.PostAsync(fixture, activity.Id, "Jan\r\nBcc: x@example.nl", ActivityBodies.UniqueEmail("regel"));

        await response.ShouldBeValidationProblemAsync("name");
    }

    [Fact]
    public async Task RecordShipment_LineBreakInCarrier_Returns422()
    {
        var response = await fixture.Logistics.PostAsJsonAsync("/api/logistics/orders/WTE-0000-0000/shipment",
            new { carrier = "PostNL\nExtra regel", trackingNumber = KitFlow.NewTrackingNumber() });

        await response.ShouldBeValidationProblemAsync("carrier");
    }

    [Fact]
    public async Task ReceiveCarrierEvent_LineBreakInTrackingNumber_Returns422()
    {
        var json = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["trackingNumber"] = "3SABC\r\n",
            ["status"] = "delivered",
            ["occurredAt"] = DateTimeOffset.UtcNow.ToString("O"),
        }.ToJsonString();

        var response = await fixture.Public.SendAsync(KitFlow.CarrierEvent(json));

        await response.ShouldBeValidationProblemAsync("trackingNumber");
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task SetKitItem_LineBreakInName_Returns422()
    {
        var response = await fixture.Logistics.PutAsJsonAsync($"/api/logistics/items/KEP-{Guid.NewGuid():N}"[..40],
            new { name = "Poster\nA3", description = "Een poster.\nIn A3.", maxPerOrder = 5 });

        await response.ShouldBeValidationProblemAsync("name");
    }
}
