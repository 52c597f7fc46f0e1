using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>Every JSON body is read by one strict reader: what two readers could read differently is a 400.</summary>
[Collection(AppCollection.Name)]
public sealed class StrictJsonTests(AppFixture fixture)
{
    public static TheoryData<string> UnreadablePatches => new()
    {
        """{ "title": "Een", "title": "Twee" }""",
        """{ "location": { "city": "Lelystad", "city": "Almere" } }""",
        """{ "title": "Soep \ud800 praat" }""",
        """{ "title": "Soep \udc00\ud800 praat" }""",
        """{ "ti\ud800tle": "Soep" }""",
        new string('[', 100) + new string(']', 100),
    };

    [Theory]
    [MemberData(nameof(UnreadablePatches))]
    public async Task ChangeActivity_DuplicateKeyLoneSurrogateOrDeepNesting_Returns400AndChangesNothing(string patch)
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ManagedAsync(activity);

        var response = await PatchAsync(activity, new StringContent(patch, Encoding.UTF8, "application/merge-patch+json"));

        await response.ShouldBeProblemAsync(400, "malformedRequest");
        JsonNode.DeepEquals(await ManagedAsync(activity), before).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangeActivity_BodyWithByteOrderMark_Returns400()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var body = Bytes([0xEF, 0xBB, 0xBF, .. """{ "title": "Met BOM" }"""u8], "application/merge-patch+json");

        var response = await PatchAsync(activity, body);

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task ChangeActivity_InvalidUtf8_Returns400()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var body = Bytes([.. """{ "title": "Soep """u8, 0xC3, 0x28, .. """ praat" }"""u8], "application/json");

        var response = await PatchAsync(activity, body);

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task RegisterActivity_DuplicateKey_Returns400()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        var json = body.ToJsonString().Replace("\"title\":", "\"title\":\"Een\",\"title\":", StringComparison.Ordinal);

        var response = await fixture.Public.PostAsync("/api/activities", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task SignUpForActivity_LoneSurrogateInName_Returns400()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var json = $$"""{ "name": "Jan \udfff", "email": "{{ActivityBodies.UniqueEmail("surrogate")}}", "partySize": 1 }""";

        var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await fixture.Public.PostAsync($"/api/activities/{activity.Id}/registrations", content);

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task SetEdition_DuplicateKey_Returns400()
    {
        var json = JsonSerializer.Serialize(fixture.Edition.Body, JsonSerializerOptions.Web)
            .Replace("\"startsOn\":", "\"startsOn\":\"2001-01-01\",\"startsOn\":", StringComparison.Ordinal);

        var content = new StringContent(json, Encoding.UTF8, "application/json");

        var response = await fixture.Admin.PutAsync($"/api/editions/{fixture.Edition.Year}", content);

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task ReceiveCarrierEvent_SignedBodyWithDuplicateKey_Returns400()
    {
        var json = """
            { "eventId": "e1", "eventId": "e2", "trackingNumber": "3SXX", "status": "delivered", "occurredAt": "2026-11-30T09:03:00Z" }
            """;

        var response = await fixture.Public.SendAsync(KitFlow.CarrierEvent(json));

        await response.ShouldBeProblemAsync(400, "malformedRequest");
    }

    [Fact]
    public async Task ChangeActivity_Utf16Charset_Returns415()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var content = new StringContent("""{ "title": "Soep in UTF-16" }""", Encoding.Unicode, "application/json");

        var response = await PatchAsync(activity, content);

        await response.ShouldBeProblemAsync(415, "unsupportedMediaType");
    }

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private Task<HttpResponseMessage> PatchAsync(RegisteredActivity activity, HttpContent content)
    {
        var request = ActivityFlow.AsOwner(HttpMethod.Patch, $"/api/activities/{activity.Id}", activity.ManageToken);
        request.Content = content;
        return fixture.Public.SendAsync(request);
    }

    private async Task<JsonObject> ManagedAsync(RegisteredActivity activity)
    {
        var request = ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage", activity.ManageToken);
        var response = await fixture.Public.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
