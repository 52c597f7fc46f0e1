using System.Net;
using System.Net.Http.Json;
using System.Text;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class VerifyActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task VerifyActivity_WithTokenFromEmail_Returns200Published()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = activity.ManageToken });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var verified = await response.ReadJsonAsync();
        verified["id"]!.GetValue<string>().ShouldBe(activity.Id.ToString());
        verified["status"]!.GetValue<string>().ShouldBe("published");
        verified["organiser"]!["contactEmail"]!.GetValue<string>().ShouldBe(activity.ContactEmail);
        var published = await fixture.Public.GetAsync($"/api/activities/{activity.Id}");
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await published.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("published");
    }

    [Fact]
    public async Task VerifyActivity_Twice_Returns200PublishedBothTimes()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var again = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = activity.ManageToken });

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("published");
        await SignUpFlow.SettleAsync(fixture);
        fixture.Smtp.MessagesTo(activity.ContactEmail).Count.ShouldBe(1);
    }

    [Fact]
    public async Task VerifyActivity_WrongToken_Returns404AndStaysPending()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = "not-the-token" });

        await response.ShouldBeProblemAsync(404, "notFound");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ShouldBePendingAsync(activity);
    }

    [Fact]
    public async Task VerifyActivity_AnotherActivitysToken_Returns404()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));
        var other = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = other.ManageToken });

        await response.ShouldBeProblemAsync(404, "notFound");
        await ShouldBePendingAsync(activity);
    }

    [Fact]
    public async Task VerifyActivity_UnknownId_Returns404()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{Guid.CreateVersion7()}/verify",
            new { token = activity.ManageToken });

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"token\": \"\"}")]
    [InlineData("{\"token\": null}")]
    public async Task VerifyActivity_MissingToken_Returns422(string json)
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.PostAsync(
            $"/api/activities/{activity.Id}/verify", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync("token");
        await ShouldBePendingAsync(activity);
    }

    [Fact]
    public async Task VerifyActivity_AfterCancel_Returns409()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));
        (await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Post, $"/api/activities/{activity.Id}/cancel",
            activity.ManageToken)))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await fixture.Public.PostAsJsonAsync($"/api/activities/{activity.Id}/verify", new { token = activity.ManageToken });

        await response.ShouldBeProblemAsync(409, "activityNotVerifiable");
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ManagePage_OpenedAlone_DoesNotVerify()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        for (var i = 0; i < 2; i++)
        {
            var token = Uri.EscapeDataString(activity.ManageToken);
            var page = await fixture.Public.GetAsync($"/beheer/activiteiten/{activity.Id}?token={token}");
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            (await page.Content.ReadAsStringAsync()).ShouldContain("Wacht op je bevestiging");
        }

        await ShouldBePendingAsync(activity);
        (await fixture.Public.GetAsync($"/api/activities/{activity.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("not-the-token")]
    [InlineData("")]
    public async Task ManagePage_WrongToken_Returns404Html(string token)
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var page = await fixture.Public.GetAsync($"/beheer/activiteiten/{activity.Id}?token={token}");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Link niet geldig");
        html.ShouldNotContain("Soep &amp; praat");
        html.ShouldNotContain(activity.ContactEmail);
    }

    [Fact]
    public async Task ManagePage_ConfirmWithWrongToken_Returns404HtmlAndStaysPending()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var confirm = await PageClient.PostFormAsync(fixture.Public, $"/beheer/activiteiten/{activity.Id}/bevestigen",
            ("token", "not-the-token"));

        confirm.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await confirm.Content.ReadAsStringAsync()).ShouldContain("Link niet geldig");
        await ShouldBePendingAsync(activity);
    }

    private async Task ShouldBePendingAsync(RegisteredActivity activity)
    {
        var manage = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            activity.ManageToken));
        manage.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await manage.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("pendingVerification");
    }
}
