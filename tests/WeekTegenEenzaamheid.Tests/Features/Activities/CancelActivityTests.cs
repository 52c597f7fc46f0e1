using System.Net;
using System.Net.Http.Json;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class CancelActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task CancelActivity_AsOwner_ReturnsCancelledAndTakesItOffThePublicList()
    {
        var word = "annuleer" + Guid.NewGuid().ToString("N")[..12];
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = $"Soep & praat {word}";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        (await SearchAsync(word)).ShouldBe(1);

        var response = await CancelAsync(activity.Id, activity.ManageToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("cancelled");
        await (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).ShouldBeProblemAsync(404, "notFound");
        (await SearchAsync(word)).ShouldBe(0);
        var managed = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            activity.ManageToken));
        (await managed.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CancelActivity_Twice_ReturnsCancelledBothTimes()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        (await CancelAsync(activity.Id, activity.ManageToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await CancelAsync(activity.Id, activity.ManageToken);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CancelActivity_PendingVerification_IsCancelled()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await CancelAsync(activity.Id, activity.ManageToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Fact]
    public async Task CancelActivity_WithoutManageToken_Returns401AndStaysPublished()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.PostAsync($"/api/activities/{activity.Id}/cancel", null);

        await response.ShouldBeProblemAsync(401, "unauthorized");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CancelActivity_WithAnotherActivitysToken_Returns404AndStaysPublished()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var other = await ActivityFlow.PublishAsync(fixture);

        var response = await CancelAsync(activity.Id, other.ManageToken);

        await response.ShouldBeProblemAsync(404, "notFound");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Public.GetAsync($"/api/activities/{other.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CancelActivity_UnknownId_Returns404()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await CancelAsync(Guid.CreateVersion7(), activity.ManageToken);

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task CancelActivity_AfterRejection_Returns409()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject", new { reason = "Dubbele aanmelding." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await CancelAsync(activity.Id, activity.ManageToken);

        await response.ShouldBeProblemAsync(409, "activityRejected");
    }

    private Task<HttpResponseMessage> CancelAsync(Guid id, string token) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{id}/cancel", token));

    private async Task<int> SearchAsync(string word)
    {
        var page = await fixture.Public.GetAsync($"/api/activities?year={fixture.Edition.Year}&q={word}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await page.ReadJsonAsync())["items"]!.AsArray().Count;
    }
}
