using System.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

/// <summary>
/// Moves the collection's shared clock forward. Nothing else in the collection depends on the
/// clock standing at "now": the test edition's registration stays open for months either way.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RetentionJobTests(AppFixture fixture)
{
    [Fact]
    public async Task RetentionJob_UnverifiedOlderThan72Hours_IsDeletedWhileVerifiedStays()
    {
        var unverified = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));
        var verified = await ActivityFlow.PublishAsync(fixture);

        fixture.App.Clock.Advance(TimeSpan.FromHours(73));
        var fresh = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));
        var run = await fixture.Admin.PostAsync("/api/admin/jobs/retention/run", null);
        run.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await WaitUntilGoneAsync(unverified);
        (await ManageAsync(verified)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Public.GetAsync($"/api/activities/{verified.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ManageAsync(fresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = Uri.EscapeDataString(unverified.ManageToken);
        var page = await fixture.Public.GetAsync($"/beheer/activiteiten/{unverified.Id}?token={token}");
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldContain("72 uur");
    }

    [Fact]
    public async Task RetentionJob_UnverifiedYoungerThan72Hours_Stays()
    {
        var young = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));
        fixture.App.Clock.Advance(TimeSpan.FromHours(71));
        var old = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));
        fixture.App.Clock.Advance(TimeSpan.FromHours(2));

        (await fixture.Admin.PostAsync("/api/admin/jobs/retention/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        // The job has run once "young" (73 hours old) is gone; only then is "old" (2 hours old) worth checking.
        await WaitUntilGoneAsync(young);
        var response = await ManageAsync(old);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("pendingVerification");
    }

    private Task<HttpResponseMessage> ManageAsync(RegisteredActivity activity) =>
        fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage", activity.ManageToken));

    private async Task WaitUntilGoneAsync(RegisteredActivity activity)
    {
        await fixture.RunJobsAsync();
        (await ManageAsync(activity)).StatusCode
            .ShouldBe(HttpStatusCode.NotFound, $"the retention job deletes unverified activity {activity.Id}");
    }
}
