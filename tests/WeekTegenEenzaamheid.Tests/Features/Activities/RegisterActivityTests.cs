using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class RegisterActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task RegisterActivity_Valid_Returns201AndSendsVerificationEmailWithWorkingLink()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        var response = await fixture.Public.PostAsJsonAsync("/api/activities", body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadJsonAsync();
        created["status"]!.GetValue<string>().ShouldBe("pendingVerification");
        var id = created["id"]!.GetValue<string>();
        response.Headers.Location!.ToString().ShouldBe($"/api/activities/{id}");

        var contact = body["organiser"]!["contactEmail"]!.GetValue<string>();
        var email = (await fixture.Smtp.WaitForAsync(contact)).Single();
        email.Subject.ShouldBe("Bevestig je activiteit: Soep & praat");
        email.From.Mailboxes.Single().Address.ShouldBe("noreply@weektegeneenzaamheid.test");
        email.TextBody!.ShouldContain("Beste Fatima Yilmaz");
        email.HtmlBody!.ShouldContain("Soep &amp; praat");
        var (linkId, token) = ActivityFlow.ManageLink(email);
        linkId.ToString().ShouldBe(id);

        // Opening the link shows the activity and a button, and changes nothing (mail scanners open links).
        var page = await fixture.Public.GetAsync($"/beheer/activiteiten/{id}?token={Uri.EscapeDataString(token)}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Soep &amp; praat");
        html.ShouldContain("Bevestig mijn activiteit");
        (await fixture.Public.GetAsync($"/api/activities/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The button posts the token back: now the activity is published.
        var confirm = await PageClient.PostFormAsync(fixture.Public, $"/beheer/activiteiten/{id}/bevestigen", ("token", token));
        confirm.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await confirm.Content.ReadAsStringAsync()).ShouldContain("je activiteit is bevestigd");
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{id}");
        published!["status"]!.GetValue<string>().ShouldBe("published");
    }

    [Fact]
    public async Task RegisterActivity_NormalisesPostcodeAndHidesOrganiserFromThePublic()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}");
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(text)!.AsObject();
        json["location"]!["postcode"]!.GetValue<string>().ShouldBe("1234 AB");
        json["municipalityName"]!.GetValue<string>().ShouldBe("Lelystad");
        json["province"]!.GetValue<string>().ShouldBe("Flevoland");
        json["seatsLeft"]!.GetValue<int>().ShouldBe(30);
        json["startsAt"]!.GetValue<string>().ShouldBe(fixture.Edition.At(1, 14).ToString("yyyy-MM-dd'T'HH:mm:ssK"));
        json.ContainsKey("organiser").ShouldBeFalse();
        text.ShouldNotContain(activity.ContactEmail);
        text.ShouldNotContain("Fatima");
    }

    [Fact]
    public async Task RegisterActivity_Online_NeedsHttpsUrlInsteadOfAddress()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body["type"] = "online";
        body["location"] = new JsonObject { ["municipalityCode"] = "GM0363", ["onlineUrl"] = "http://meet.example.nl/soep" };
        await (await fixture.Public.PostAsJsonAsync("/api/activities", body)).ShouldBeValidationProblemAsync("location.onlineUrl");

        body["location"]!["onlineUrl"] = "https://meet.example.nl/soep";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        var json = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        json!["location"]!["onlineUrl"]!.GetValue<string>().ShouldBe("https://meet.example.nl/soep");
        json["municipalityName"]!.GetValue<string>().ShouldBe("Amsterdam");
    }

    public static TheoryData<string, string, Func<JsonObject, JsonObject>> BrokenRules => new()
    {
        { "title too short", "title", b => b.With("title", "ab") },
        { "title too long", "title", b => b.With("title", new string('x', 121)) },
        { "title missing", "title", b => b.Without("title") },
        { "description too long", "description", b => b.With("description", new string('x', 4001)) },
        { "unknown type", "type", b => b.With("type", "party") },
        { "no target group", "targetGroups", b => b.With("targetGroups", new JsonArray()) },
        { "unknown target group", "targetGroups[1]", b => b.With("targetGroups", new JsonArray("elderly", "pets")) },
        { "end before start", "endsAt", b => Swap(b, "startsAt", "endsAt") },
        { "start missing", "startsAt", b => b.Without("startsAt") },
        { "expected participants zero", "expectedParticipants", b => b.With("expectedParticipants", 0) },
        { "expected participants too many", "expectedParticipants", b => b.With("expectedParticipants", 10_001) },
        { "capacity zero", "capacity", b => b.With("capacity", 0) },
        { "capacity too many", "capacity", b => b.With("capacity", 10_001) },
        { "sign-up flag missing", "signUpRequired", b => b.Without("signUpRequired") },
        { "free flag missing", "free", b => b.Without("free") },
        { "wheelchair flag missing", "wheelchairAccessible", b => b.Without("wheelchairAccessible") },
        { "accessibility notes too long", "accessibilityNotes", b => b.With("accessibilityNotes", new string('x', 1001)) },
        { "postcode malformed", "location.postcode", b => b.WithIn("location", "postcode", "123 AB") },
        { "postcode starting with 0", "location.postcode", b => b.WithIn("location", "postcode", "0123 AB") },
        { "postcode with SS", "location.postcode", b => b.WithIn("location", "postcode", "1234 SS") },
        { "unknown municipality", "location.municipalityCode", b => b.WithIn("location", "municipalityCode", "GM9999") },
        { "street missing", "location.street", b => b.WithIn("location", "street", null) },
        { "city missing", "location.city", b => b.WithIn("location", "city", "") },
        { "house number malformed", "location.houseNumber", b => b.WithIn("location", "houseNumber", "twelve") },
        { "venue missing", "location.venueName", b => b.WithIn("location", "venueName", null) },
        { "location missing", "location", b => b.Without("location") },
        { "contact name missing", "organiser.contactName", b => b.WithIn("organiser", "contactName", " ") },
        { "contact e-mail malformed", "organiser.contactEmail", b => b.WithIn("organiser", "contactEmail", "fatima-at-example.nl") },
        { "phone malformed", "organiser.phone", b => b.WithIn("organiser", "phone", "call me") },
        { "organiser missing", "organiser", b => b.Without("organiser") },
        { "year missing", "year", b => b.Without("year") },
        { "start outside the Week", "startsAt", b => b.With("startsAt",
            ((DateTimeOffset)DateTimeOffset.Parse(b["startsAt"]!.GetValue<string>())).AddDays(-30).ToString("O")) },
        { "end outside the Week", "endsAt", b => b.With("endsAt",
            ((DateTimeOffset)DateTimeOffset.Parse(b["endsAt"]!.GetValue<string>())).AddDays(30).ToString("O")) },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task RegisterActivity_BreakingARule_Returns422OnTheFieldAndStoresNothing(string rule, string field, Func<JsonObject,
        JsonObject> breakIt)
    {
        var contact = ActivityBodies.UniqueEmail("broken");
        var body = breakIt(ActivityBodies.Valid(fixture.Edition, contact));

        var response = await fixture.Public.PostAsJsonAsync("/api/activities", body);

        await response.ShouldBeValidationProblemAsync(field);
        rule.ShouldNotBeEmpty();
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(contact).ShouldBeEmpty();
    }

    [Fact]
    public async Task RegisterActivity_ForAYearWhoseRegistrationHasNotOpened_Returns422()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body["year"] = fixture.Edition.Year + 5;

        var problem = await (await fixture.Public.PostAsJsonAsync("/api/activities", body)).ShouldBeValidationProblemAsync("year");

        problem["errors"]!["year"]![0]!.GetValue<string>().ShouldContain("opens");
    }

    [Theory]
    [InlineData("{\"year\": 2027,", "malformed JSON")]
    [InlineData("{\"year\": \"next\"}", "wrong type")]
    [InlineData("{\"expectedParticipants\": 1.5}", "fraction for a whole number")]
    [InlineData("{\"year\": 2027, \"isAdmin\": true}", "unknown property")]
    [InlineData("[1, 2]", "array instead of object")]
    [InlineData("{\"startsAt\": \"2027-10-01T14:00:00\"}", "a time without its offset")]
    public async Task RegisterActivity_UnreadableBody_Returns400(string json, string what)
    {
        var response = await fixture.Public.PostAsync("/api/activities", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(400, "malformedRequest");
        problem["detail"]!.GetValue<string>().ShouldNotContain("WeekTegenEenzaamheid", customMessage: what);
    }

    private static JsonObject Swap(JsonObject body, string first, string second)
    {
        var a = body[first]!.GetValue<string>();
        body[first] = body[second]!.GetValue<string>();
        body[second] = a;
        return body;
    }
}
