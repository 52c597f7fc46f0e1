using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.KitOrders;

[Collection(AppCollection.Name)]
public sealed class PlaceKitOrderTests(AppFixture fixture)
{
    [Fact]
    public async Task PlaceKitOrder_Valid_Returns201WithReferenceAndSendsReceivedEmail()
    {
        var sku = await KitFlow.NewItemAsync(fixture, stock: 10);
        var activity = await ActivityFlow.PublishAsync(fixture);
        var body = KitFlow.Order((sku, 3), ("KEP-POSTER-A3", 2));
        body["wishedDeliveryDate"] = fixture.Edition.StartsOn.AddDays(-3).ToString("yyyy-MM-dd");

        var response = await KitFlow.PostOrderAsync(fixture, activity, body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldBe($"/api/activities/{activity.Id}/kit-order");
        var placed = await response.ReadJsonAsync();
        placed["status"]!.GetValue<string>().ShouldBe("received");
        var reference = placed["reference"]!.GetValue<string>();
        reference.ShouldMatch($"^KE-{fixture.Edition.Year}-[0-9]{{5}}$");

        var email = (await fixture.Smtp.WaitForAsync(activity.ContactEmail, count: 2))
            .Single(message => message.Subject == $"We hebben je bestelling van het Kom-Erbij pakket ontvangen ({reference})");
        email.TextBody!.ShouldContain("Beste Fatima Yilmaz");
        email.TextBody!.ShouldContain($"3 × Testartikel {sku}");
        email.TextBody!.ShouldContain("Fatima Yilmaz, Lindelaan 12a, 1234 AB Lelystad");
        email.HtmlBody!.ShouldContain("Soep &amp; praat");

        var order = await KitFlow.GetAsync(fixture, activity);
        order["reference"]!.GetValue<string>().ShouldBe(reference);
        order["activityId"]!.GetValue<string>().ShouldBe(activity.Id.ToString());
        order["delivery"]!["postcode"]!.GetValue<string>().ShouldBe("1234 AB");
        order["wishedDeliveryDate"]!.GetValue<string>().ShouldBe(fixture.Edition.StartsOn.AddDays(-3).ToString("yyyy-MM-dd"));
        order["lines"]!.AsArray().Select(line => (line!["sku"]!.GetValue<string>(), line["quantity"]!.GetValue<int>()))
            .ShouldBe([("KEP-POSTER-A3", 2), (sku, 3)], ignoreOrder: true);
        KitFlow.History(order)[0].ShouldBe("received");
        order["shipment"].ShouldBeNull();
    }

    [Fact]
    public async Task PlaceKitOrder_SecondOrderForTheActivity_Returns409UntilTheFirstIsCancelled()
    {
        var sku = await KitFlow.NewItemAsync(fixture);
        var activity = await ActivityFlow.PublishAsync(fixture);
        var first = await KitFlow.PlaceAsync(fixture, activity, KitFlow.Order((sku, 1)));

        await (await KitFlow.PostOrderAsync(fixture, activity, KitFlow.Order((sku, 1)))).ShouldBeProblemAsync(409, "kitOrderExists");

        var cancel = await KitFlow.CancelAsOwnerAsync(fixture, activity);
        cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await KitFlow.PlaceAsync(fixture, activity, KitFlow.Order((sku, 2)));
        second.Reference.ShouldNotBe(first.Reference);
        (await KitFlow.GetAsync(fixture, activity))["reference"]!.GetValue<string>().ShouldBe(second.Reference);
    }

    [Fact]
    public async Task PlaceKitOrder_ManyAtOnceForOneActivity_AcceptsExactlyOne()
    {
        var sku = await KitFlow.NewItemAsync(fixture);
        var activity = await ActivityFlow.PublishAsync(fixture);

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(_ => KitFlow.PostOrderAsync(fixture, activity, KitFlow.Order((sku, 1)))));

        responses.Count(response => response.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(response => response.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
    }

    [Fact]
    public async Task PlaceKitOrder_Concurrently_HandsOutUniqueConsecutiveReferences()
    {
        var sku = await KitFlow.NewItemAsync(fixture);
        var activities = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ActivityFlow.PublishAsync(fixture)));

        var orders = await Task.WhenAll(activities.Select(activity => KitFlow.PlaceAsync(fixture, activity, KitFlow.Order((sku, 1)))));

        var numbers = orders.Select(order => int.Parse(order.Reference[^5..])).Order().ToArray();
        numbers.Distinct().Count().ShouldBe(8);
        (numbers[^1] - numbers[0]).ShouldBe(7);
    }

    [Fact]
    public async Task PlaceKitOrder_AfterTheEditionsDeadline_Returns422NamingTheDeadline()
    {
        // A year of its own whose Week lies ahead but whose kit orders closed yesterday.
        var year = fixture.Edition.Year + 9;
        var edition = new TestEdition(year, new DateOnly(year, 9, 24), new DateOnly(year, 9, 30));
        var deadline = TestEdition.Local(KitFlow.AmsterdamToday(fixture).AddDays(-1), 0);
        var set = await fixture.Admin.PutAsJsonAsync($"/api/editions/{year}", new
        {
            startsOn = edition.StartsOn,
            endsOn = edition.EndsOn,
            openingOn = edition.StartsOn.AddDays(-1),
            registrationOpensAt = DateTimeOffset.UtcNow.AddDays(-30),
            kitOrderDeadline = deadline,
        });
        set.EnsureSuccessStatusCode();
        var activity = await ActivityFlow.PublishAsync(fixture, ActivityBodies.Valid(edition));
        var sku = await KitFlow.NewItemAsync(fixture);

        var problem = await (await KitFlow.PostOrderAsync(fixture, activity, KitFlow.Order((sku, 1))))
            .ShouldBeProblemAsync(422, "kitOrderDeadlinePassed");

        problem["detail"]!.GetValue<string>().ShouldContain($"{deadline:yyyy-MM-dd HH:mm}");
    }

    [Fact]
    public async Task PlaceKitOrder_ForAnActivityNotYetVerified_Returns409()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        await (await KitFlow.PostOrderAsync(fixture, activity, KitFlow.Order(("KEP-BUTTONS", 1))))
            .ShouldBeProblemAsync(409, "activityNotPublished");
    }

    [Fact]
    public async Task PlaceKitOrder_WithoutOrWithAnotherActivitysToken_Returns401Or404()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var other = await ActivityFlow.PublishAsync(fixture);
        var path = $"/api/activities/{activity.Id}/kit-order";

        await (await fixture.Public.PostAsJsonAsync(path, KitFlow.Order(("KEP-BUTTONS", 1)))).ShouldBeProblemAsync(401);
        var order = KitFlow.Order(("KEP-BUTTONS", 1));
        await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, path, other.ManageToken, order)))
            .ShouldBeProblemAsync(404);
        await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, path, other.ManageToken))).ShouldBeProblemAsync(404);
        await (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, path, activity.ManageToken)))
            .ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task PlaceKitOrder_AnotherActivitysTokenAndAnInvalidBody_Returns404NotTheValidationErrors()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var other = await ActivityFlow.PublishAsync(fixture);
        var invalid = new JsonObject { ["lines"] = new JsonArray() };

        var response = await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Post, KitFlow.OrderPath(activity), other.ManageToken, invalid));

        var problem = await response.ShouldBeProblemAsync(404, "notFound");
        problem.ContainsKey("errors").ShouldBeFalse();
        await (await KitFlow.PostOrderAsync(fixture, activity, invalid)).ShouldBeValidationProblemAsync("lines");
    }

    public static TheoryData<string, string, Func<JsonObject, string, JsonObject>> BrokenRules => new()
    {
        { "no lines", "lines", (b, _) => b.With("lines", new JsonArray()) },
        { "lines missing", "lines", (b, _) => b.Without("lines") },
        { "same SKU twice", "lines[1].sku", (b, sku) => b.With("lines", Lines((sku, 1), (sku, 2))) },
        { "unknown SKU", "lines[0].sku", (b, _) => b.With("lines", Lines(("NO-SUCH-ITEM", 1))) },
        { "SKU missing", "lines[0].sku", (b, _) => b.With("lines", new JsonArray(new JsonObject { ["quantity"] = 1 })) },
        { "quantity zero", "lines[0].quantity", (b, sku) => b.With("lines", Lines((sku, 0))) },
        { "quantity above the maximum", "lines[0].quantity", (b, sku) => b.With("lines", Lines((sku, 4))) },
        { "delivery missing", "delivery", (b, _) => b.Without("delivery") },
        { "recipient missing", "delivery.recipient", (b, _) => b.WithIn("delivery", "recipient", " ") },
        { "street missing", "delivery.street", (b, _) => b.WithIn("delivery", "street", null) },
        { "house number malformed", "delivery.houseNumber", (b, _) => b.WithIn("delivery", "houseNumber", "twelve") },
        { "postcode malformed", "delivery.postcode", (b, _) => b.WithIn("delivery", "postcode", "123 AB") },
        { "city missing", "delivery.city", (b, _) => b.WithIn("delivery", "city", "") },
        { "phone malformed", "delivery.phone", (b, _) => b.WithIn("delivery", "phone", "call me") },
        { "wished delivery date in the past", "wishedDeliveryDate", (b, _) => b.With("wishedDeliveryDate", "2001-01-01") },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task PlaceKitOrder_BreakingARule_Returns422OnTheFieldAndStoresNothing(
        string rule, string field, Func<JsonObject, string, JsonObject> breakIt)
    {
        var sku = await KitFlow.NewItemAsync(fixture, maxPerOrder: 3);
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await KitFlow.PostOrderAsync(fixture, activity, breakIt(KitFlow.Order((sku, 1)), sku));

        await response.ShouldBeValidationProblemAsync(field);
        rule.ShouldNotBeEmpty();
        await (await KitFlow.GetAsOwnerAsync(fixture, activity)).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task PlaceKitOrder_WishedDeliveryOnTheDayTheActivityStarts_Returns422()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var body = KitFlow.Order(("KEP-BUTTONS", 1));
        body["wishedDeliveryDate"] = fixture.Edition.StartsOn.AddDays(1).ToString("yyyy-MM-dd");

        var problem = await (await KitFlow.PostOrderAsync(fixture, activity, body)).ShouldBeValidationProblemAsync("wishedDeliveryDate");

        problem["errors"]!["wishedDeliveryDate"]![0]!.GetValue<string>().ShouldContain("before the activity starts");
    }

    [Fact]
    public async Task PlaceKitOrder_UnknownProperty_Returns400()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var body = KitFlow.Order(("KEP-BUTTONS", 1));
        body["status"] = "shipped";

        await (await KitFlow.PostOrderAsync(fixture, activity, body)).ShouldBeProblemAsync(400, "malformedRequest");

        var malformed = ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/kit-order", activity.ManageToken);
        malformed.Content = new StringContent("{\"lines\": [", Encoding.UTF8, "application/json");
        await (await fixture.Public.SendAsync(malformed)).ShouldBeProblemAsync(400, "malformedRequest");
    }

    private static JsonArray Lines(params (string Sku, int Quantity)[] lines) => KitFlow.Order(lines)["lines"]!.DeepClone().AsArray();
}
