using System.Net;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Operations;

[Collection(AppCollection.Name)]
public sealed class RunJobTests(AppFixture fixture)
{
    [Fact]
    public async Task RunJob_AsAdmin_Returns202WithTheJob()
    {
        var response = await fixture.Admin.PostAsync("/api/admin/jobs/outbox/run", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var started = await response.ReadJsonAsync();
        started["name"]!.GetValue<string>().ShouldBe("outbox");
        started["jobId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task RunJob_UnknownJob_Returns404NamingTheKnownOnes()
    {
        var response = await fixture.Admin.PostAsync("/api/admin/jobs/make-coffee/run", null);

        var problem = await response.ShouldBeProblemAsync(404, "notFound");
        var detail = problem["detail"]!.GetValue<string>();
        detail.ShouldContain("outbox");
        detail.ShouldContain("retention");
    }

    [Fact]
    public async Task RunJob_WithLogisticsKey_Returns403()
    {
        var response = await fixture.Logistics.PostAsync("/api/admin/jobs/outbox/run", null);

        await response.ShouldBeProblemAsync(403, "forbidden");
    }

    [Fact]
    public async Task RunJob_WithoutKey_Returns401()
    {
        var response = await fixture.Public.PostAsync("/api/admin/jobs/outbox/run", null);

        await response.ShouldBeProblemAsync(401, "unauthorized");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task RunJob_UnknownJobWithoutKey_Returns401()
    {
        var response = await fixture.Public.PostAsync("/api/admin/jobs/make-coffee/run", null);

        await response.ShouldBeProblemAsync(401, "unauthorized");
    }
}
