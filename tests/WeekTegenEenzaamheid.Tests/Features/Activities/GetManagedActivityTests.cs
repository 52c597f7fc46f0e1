using System.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Activities;

[Collection(AppCollection.Name)]
public sealed class GetManagedActivityTests(AppFixture fixture)
{
    [Fact]
    public async Task GetManagedActivity_AsOwner_ShowsOrganiserWithContactDetails()
    {
        var body = ActivityBodies.Valid(fixture.Edition);
        body["organiser"]!["organisationName"] = "Stichting De Linde";
        body["organiser"]!["phone"] = "+31 320 123456";
        var activity = await ActivityFlow.PublishAsync(fixture, body);

        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            activity.ManageToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var managed = await response.ReadJsonAsync();
        managed["id"]!.GetValue<string>().ShouldBe(activity.Id.ToString());
        managed["status"]!.GetValue<string>().ShouldBe("published");
        managed["title"]!.GetValue<string>().ShouldBe("Soep & praat");
        managed["municipalityName"]!.GetValue<string>().ShouldBe("Lelystad");
        var organiser = managed["organiser"]!.AsObject();
        organiser["contactName"]!.GetValue<string>().ShouldBe("Fatima Yilmaz");
        organiser["contactEmail"]!.GetValue<string>().ShouldBe(activity.ContactEmail);
        organiser["organisationName"]!.GetValue<string>().ShouldBe("Stichting De Linde");
        organiser["phone"]!.GetValue<string>().ShouldBe("+31 320 123456");
    }

    [Fact]
    public async Task GetManagedActivity_PendingVerification_IsReadableByTheOwner()
    {
        var activity = await ActivityFlow.RegisterAsync(fixture, ActivityBodies.Valid(fixture.Edition));

        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            activity.ManageToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("pendingVerification");
    }

    [Fact]
    public async Task GetManagedActivity_WithoutManageToken_Returns401()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.GetAsync($"/api/activities/{activity.Id}/manage");

        var problem = await response.ShouldBeProblemAsync(401, "unauthorized");
        problem.ToJsonString().ShouldNotContain(activity.ContactEmail);
    }

    [Fact]
    public async Task GetManagedActivity_WithAnotherActivitysToken_Returns404()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var other = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get, $"/api/activities/{activity.Id}/manage",
            other.ManageToken));

        var problem = await response.ShouldBeProblemAsync(404, "notFound");
        problem.ToJsonString().ShouldNotContain(activity.ContactEmail);
    }

    [Fact]
    public async Task GetManagedActivity_UnknownIdWithSomeToken_Returns404()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Public.SendAsync(ActivityFlow.AsOwner(HttpMethod.Get,
            $"/api/activities/{Guid.CreateVersion7()}/manage", activity.ManageToken));

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task GetManagedActivity_WithStaffKeyInsteadOfManageToken_Returns401()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);

        var response = await fixture.Admin.GetAsync($"/api/activities/{activity.Id}/manage");

        await response.ShouldBeProblemAsync(401, "unauthorized");
    }
}
