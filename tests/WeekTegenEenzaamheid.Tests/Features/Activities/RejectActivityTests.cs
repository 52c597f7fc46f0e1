using System.Net;
using System.Net.Http.Json;
using System.Text;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class RejectActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task RejectActivity_AsAdminWithReason_TakesItOffTheListAndTellsTheContactWhy()
    {
        var word = "afwijs" + Guid.NewGuid().ToString("N")[..12];
        var body = ActivityBodies.Valid(fixture.Edition);
        body["title"] = $"Soep & praat {word}";
        var activity = await ActivityFlow.PublishAsync(fixture, body);
        const string reason = "Reclame & verkoop horen niet in de kalender.";

        var response = await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject", new { reason });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var rejected = await response.ReadJsonAsync();
        rejected["status"]!.GetValue<string>().ShouldBe("rejected");
        rejected["rejectionReason"]!.GetValue<string>().ShouldBe(reason);
        await (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).ShouldBeProblemAsync(404, "notFound");
        var search = await fixture.Public.GetAsync($"/api/activities?year={fixture.Edition.Year}&q={word}");
        (await search.ReadJsonAsync())["items"]!.AsArray().ShouldBeEmpty();
        var managed = await (await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage", activity.ManageToken))).ReadJsonAsync();
        managed["status"]!.GetValue<string>().ShouldBe("rejected");
        managed["rejectionReason"]!.GetValue<string>().ShouldBe(reason);

        var emails = await fixture.Smtp.WaitForAsync(activity.ContactEmail, 2);
        emails.Count.ShouldBe(2);
        var email = emails.Single(e => e.Subject?.StartsWith("Je activiteit is niet geplaatst", StringComparison.Ordinal) == true);
        email.Subject!.ShouldContain(word);
        email.TextBody!.ShouldContain("Beste Fatima Yilmaz");
        email.TextBody!.ShouldContain($"Reden: {reason}");
        email.HtmlBody!.ShouldContain("Reclame &amp; verkoop horen niet in de kalender.");
    }

    [Fact]
    public async Task RejectActivity_PendingVerification_CanNoLongerBeVerified()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        (await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject", new { reason = "Spam." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var verify = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = activity.ManageToken });
        await verify.ShouldBeProblemAsync(409, "activityNotVerifiable");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RejectActivity_WithoutKey_Returns401AndStaysPublished()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject",
            new { reason = "Spam en reclame." });

        await response.ShouldBeProblemAsync(401, "unauthorized");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RejectActivity_WithManageToken_Returns401()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.SendAsync(
            ActivityFlow.AsOwner(HttpMethod.Post, $"/api/admin/activities/{activity.Id}/reject", activity.ManageToken,
                new { reason = "Spam en reclame." }));

        await response.ShouldBeProblemAsync(401, "unauthorized");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RejectActivity_WithLogisticsKey_Returns403AndStaysPublished()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Logistics.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject",
            new { reason = "Spam en reclame." });

        await response.ShouldBeProblemAsync(403, "forbidden");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\": \"\"}")]
    [InlineData("{\"reason\": \"  \"}")]
    public async Task RejectActivity_WithoutReason_Returns422AndStaysPublished(string json)
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Admin.PostAsync(
            $"/api/admin/activities/{activity.Id}/reject", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("reason");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RejectActivity_UnknownId_Returns404()
    {
        var response = await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{Guid.CreateVersion7()}/reject",
            new { reason = "Spam en reclame." });

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task RejectActivity_Cancelled_Returns409()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await fixture.Admin.PostAsJsonAsync($"/api/admin/activities/{activity.Id}/reject",
            new { reason = "Spam en reclame." });

        await response.ShouldBeProblemAsync(409, "activityNotRejectable");
    }
}
