using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeekTegenEenzaamheid.Api.Platform.Jobs;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>
/// The dashboard changes jobs only for its own pages: a foreign page's POST is refused even with the admin's
/// credentials. Each test has its own app: removing a recurring job must not touch the shared one. In the app
/// collection all the same: Hangfire keeps its storage in a static, so two apps must not start at once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class JobsDashboardTests
{
    [Fact]
    public async Task RemoveRecurringJob_FromAForeignOrigin_Returns403AndKeepsTheJob()
    {
        await using var app = new WteApp(smtpPort: null);
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        var (header, token) = await AntiforgeryAsync(admin);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove") { Content = Form() };
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add(header, token);
        (await admin.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var foreignOrigin = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove") { Content = Form() };
        foreignOrigin.Headers.Add("Origin", "https://evil.example");
        foreignOrigin.Headers.Add(header, token);
        (await admin.SendAsync(foreignOrigin)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await admin.PostAsync("/api/admin/jobs/late-orders/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task RemoveRecurringJob_WithoutAntiforgeryToken_Returns403AndKeepsTheJob()
    {
        await using var app = new WteApp(smtpPort: null);
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));

        var response = await admin.PostAsync("/hangfire/recurring/remove", Form());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsync("/api/admin/jobs/late-orders/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task RunJob_RemovedInTheDashboard_Returns404_UntilTheNextStartRegistersItAgain()
    {
        await using var app = new WteApp(smtpPort: null);
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        var (header, token) = await AntiforgeryAsync(admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove") { Content = Form() };
        request.Headers.Add("Origin", admin.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        request.Headers.Add(header, token);
        ((int)(await admin.SendAsync(request)).StatusCode).ShouldBeOneOf(200, 204);

        var run = await admin.PostAsync("/api/admin/jobs/late-orders/run", null);

        var problem = await run.ShouldBeProblemAsync(404, "notFound");
        problem["detail"]!.GetValue<string>().ShouldContain("late-orders");

        // What every start does: the registration puts every defined job back.
        var registration = app.Services.GetServices<IHostedService>().OfType<RecurringJobsRegistration>().Single();
        await registration.StartAsync(CancellationToken.None);
        var again = await admin.PostAsync("/api/admin/jobs/late-orders/run", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await again.ReadJsonAsync())["jobId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task RecurringJobs_EveryDefinedJobIsRegisteredAtStart()
    {
        await using var app = new WteApp(smtpPort: null);
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        var names = app.Services.GetServices<RecurringJobDefinition>().Select(job => job.Name).ToArray();

        names.ShouldNotBeEmpty();
        foreach (var name in names)
        {
            (await admin.PostAsync($"/api/admin/jobs/{name}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted, name);
        }
    }

    private static FormUrlEncodedContent Form() => new([new("jobs[]", "late-orders")]);

    private static async Task<(string Header, string Token)> AntiforgeryAsync(HttpClient admin)
    {
        var page = await admin.GetStringAsync("/hangfire/recurring");
        var header = AntiforgeryHeader().Match(page);
        var token = AntiforgeryToken().Match(page);
        header.Success.ShouldBeTrue("The dashboard page names no antiforgery header");
        token.Success.ShouldBeTrue("The dashboard page holds no antiforgery token");
        return (header.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryToken();
}
