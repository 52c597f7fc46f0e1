using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Privacy;

/// <summary>
/// A service of its own, since the test moves its clock years ahead; in the app collection all the same, so that no two
/// services start at once (Hangfire's storage is picked through a process-wide static while a service starts).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PrivacyRequestRetentionTests
{
    [Fact]
    public async Task Retention_DeletesPrivacyRequestRecordsAfterFiveYears_AndKeepsYoungerOnes()
    {
        await using var app = new WteApp(null);
        using var admin = app.ClientWithKey(await app.CreateStaffKeyAsync("admin"));
        const string address = "bewijs@example.nl";
        (await admin.GetAsync($"/api/admin/persons?email={address}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(365));
        (await admin.GetAsync($"/api/admin/persons?email={address}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RequestsAsync(admin, address)).Count.ShouldBe(2);

        // Five years and a day after the first request, four years and a day after the second.
        app.Clock.Advance(TimeSpan.FromDays(4 * 365 + 1));
        (await admin.PostAsync("/api/admin/jobs/retention/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await app.RunJobsAsync();
        var kept = (await RequestsAsync(admin, address)).Single()!;
        kept["requestedAt"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(app.Clock.GetUtcNow().AddYears(-5));
    }

    private static async Task<JsonArray> RequestsAsync(HttpClient admin, string address) =>
        (await admin.GetFromJsonAsync<JsonArray>($"/api/admin/persons/requests?email={Uri.EscapeDataString(address)}"))!;
}
