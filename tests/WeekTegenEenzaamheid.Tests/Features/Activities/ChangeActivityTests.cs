using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class ChangeActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task ChangeActivity_OneField_ChangesOnlyThatField()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, """{ "title": "Soep, praat en muziek" }""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answered = await response.ReadJsonAsync();
        answered["title"]!.GetValue<string>().ShouldBe("Soep, praat en muziek");
        var after = await ReadAsync(activity);
        JsonNode.DeepEquals(after, answered).ShouldBeTrue();
        before["title"] = "Soep, praat en muziek";
        JsonNode.DeepEquals(after, before).ShouldBeTrue($"before {before.ToJsonString()}\nafter  {after.ToJsonString()}");
        var published = await fixture.Public.GetFromJsonAsync<JsonObject>($"/api/activities/{activity.Id}");
        published!["title"]!.GetValue<string>().ShouldBe("Soep, praat en muziek");
    }

    [Fact]
    public async Task ChangeActivity_NestedField_MergesIntoTheObject()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, """{ "location": { "venueName": "Bibliotheek Lelystad", "postcode": "8232ab" } }""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = await ReadAsync(activity);
        before["location"]!["venueName"] = "Bibliotheek Lelystad";
        before["location"]!["postcode"] = "8232 AB";
        JsonNode.DeepEquals(after, before).ShouldBeTrue($"before {before.ToJsonString()}\nafter  {after.ToJsonString()}");
    }

    [Fact]
    public async Task ChangeActivity_NullForAnOptionalField_RemovesIt()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await PatchAsync(activity, """{ "capacity": null, "signUpRequired": false, "description": null }""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = await ReadAsync(activity);
        after["capacity"].ShouldBeNull();
        after["description"].ShouldBeNull();
        after["signUpRequired"]!.GetValue<bool>().ShouldBeFalse();
        after["title"]!.GetValue<string>().ShouldBe("Soep & praat");
    }

    [Fact]
    public async Task ChangeActivity_Time_IsStoredAndAnsweredInAmsterdamTime()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var startsAt = fixture.Edition.At(3, 19);
        var endsAt = fixture.Edition.At(3, 21, 30);

        var response = await PatchAsync(activity, $$"""{ "startsAt": "{{startsAt.ToUniversalTime():O}}", "endsAt": "{{endsAt:O}}" }""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = await ReadAsync(activity);
        after["startsAt"]!.GetValue<string>().ShouldBe(startsAt.ToString("yyyy-MM-dd'T'HH:mm:ssK"));
        after["endsAt"]!.GetValue<string>().ShouldBe(endsAt.ToString("yyyy-MM-dd'T'HH:mm:ssK"));
    }

    [Theory]
    [InlineData("""{ "title": "ab" }""", "title")]
    [InlineData("""{ "type": "party" }""", "type")]
    [InlineData("""{ "targetGroups": [] }""", "targetGroups")]
    [InlineData("""{ "location": { "postcode": "123 AB" } }""", "location.postcode")]
    [InlineData("""{ "location": { "municipalityCode": "GM9999" } }""", "location.municipalityCode")]
    [InlineData("""{ "organiser": { "contactEmail": "fatima-at-example.nl" } }""", "organiser.contactEmail")]
    [InlineData("""{ "title": null }""", "title")]
    [InlineData("""{ "capacity": 0 }""", "capacity")]
    public async Task ChangeActivity_BreakingARule_Returns422AndChangesNothing(string patch, string field)
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, patch);

        await response.ShouldBeValidationProblemAsync(field);
        JsonNode.DeepEquals(await ReadAsync(activity), before).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangeActivity_EndBeforeStart_Returns422AndChangesNothing()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, $$"""{ "endsAt": "{{fixture.Edition.At(1, 13):O}}" }""");

        await response.ShouldBeValidationProblemAsync("endsAt");
        JsonNode.DeepEquals(await ReadAsync(activity), before).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangeActivity_StartOutsideTheWeek_Returns422AndChangesNothing()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, $$"""{ "startsAt": "{{fixture.Edition.At(-2, 14):O}}" }""");

        await response.ShouldBeValidationProblemAsync("startsAt");
        JsonNode.DeepEquals(await ReadAsync(activity), before).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangeActivity_Year_Returns422AndChangesNothing()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, $$"""{ "year": {{fixture.Edition.Year + 1}} }""");

        await response.ShouldBeValidationProblemAsync("year");
        JsonNode.DeepEquals(await ReadAsync(activity), before).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{ "isAdmin": true }""")]
    [InlineData("""{ "status": "published", "isAdmin": true }""")]
    [InlineData("""{ "location": { "floor": 2 } }""")]
    [InlineData("""{ "expectedParticipants": "many" }""")]
    [InlineData("""{ "title": """)]
    [InlineData("""[ { "op": "replace", "path": "/title", "value": "Soep" } ]""")]
    public async Task ChangeActivity_UnreadableOrUnknownProperty_Returns400AndChangesNothing(string patch)
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var before = await ReadAsync(activity);

        var response = await PatchAsync(activity, patch);

        await response.ShouldBeProblemAsync(400, "malformedRequest");
        JsonNode.DeepEquals(await ReadAsync(activity), before).ShouldBeTrue();
    }

    [Fact]
    public async Task ChangeActivity_AfterCancel_Returns409()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PatchAsync(activity, """{ "title": "Toch niet geannuleerd" }""");

        await response.ShouldBeProblemAsync(409, "activityClosed");
        (await ReadAsync(activity))["title"]!.GetValue<string>().ShouldBe("Soep & praat");
    }

    [Fact]
    public async Task ChangeActivity_AfterRejection_Returns409()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject", new { reason = "Spam en reclame." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await PatchAsync(activity, """{ "title": "Echt geen spam" }""");

        await response.ShouldBeProblemAsync(409, "activityClosed");
    }

    [Fact]
    public async Task ChangeActivity_WithoutManageToken_Returns401()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.PatchAsync($"/api/activities/{activity.Id}", Json("""{ "title": "Overgenomen" }"""));

        await response.ShouldBeProblemAsync(401, "unauthorized");
        (await ReadAsync(activity))["title"]!.GetValue<string>().ShouldBe("Soep & praat");
    }

    [Fact]
    public async Task ChangeActivity_WithAnotherActivitysToken_Returns404AndChangesNothing()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var other = await ActivityFlow.PublishAsync(fixture);

        var response = await PatchAsync(activity with { ManageToken = other.ManageToken }, """{ "title": "Overgenomen" }""");

        await response.ShouldBeProblemAsync(404, "notFound");
        (await ReadAsync(activity))["title"]!.GetValue<string>().ShouldBe("Soep & praat");
        (await ReadAsync(other))["title"]!.GetValue<string>().ShouldBe("Soep & praat");
    }

    [Fact]
    public async Task ChangeActivity_UnknownId_Returns404()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await PatchAsync(activity with { Id = Guid.CreateVersion7() }, """{ "title": "Nergens" }""");

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/merge-patch+json");

    private Task<HttpResponseMessage> PatchAsync(RegisteredActivity activity, string patch)
    {
        var request = ActivityFlow.AsOwner(HttpMethod.Patch, $"/api/activities/{activity.Id}", activity.ManageToken);
        request.Content = Json(patch);
        return fixture.Public.SendAsync(request);
    }

    private async Task<JsonObject> ReadAsync(RegisteredActivity activity)
    {
        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            activity.ManageToken));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }
}
