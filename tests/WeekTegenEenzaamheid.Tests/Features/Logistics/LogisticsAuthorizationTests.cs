using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Logistics;

[Collection(AppCollection.Name)]
public sealed class LogisticsAuthorizationTests(AppFixture fixture)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/logistics/orders" },
        { "GET", "/api/logistics/orders/KE-2000-00001" },
        { "POST", "/api/logistics/orders/KE-2000-00001/shipment" },
        { "POST", "/api/logistics/orders/KE-2000-00001/cancel" },
        { "POST", "/api/logistics/shipments/import" },
        { "POST", "/api/logistics/pick-batches" },
        { "GET", $"/api/logistics/pick-batches/{Guid.Empty}/pick-list.csv" },
        { "GET", "/api/logistics/stock" },
        { "POST", "/api/logistics/stock/KEP-BUTTONS/receipts" },
        { "PUT", "/api/logistics/items/KEP-BUTTONS" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task LogisticsEndpoint_WithoutAValidStaffKey_Returns401(string method, string path)
    {
        await (await fixture.Public.SendAsync(Request(method, path))).ShouldBeProblemAsync(401, "unauthorized");

        var wrongKey = Request(method, path);
        wrongKey.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wte_not-a-key");
        await (await fixture.Public.SendAsync(wrongKey)).ShouldBeProblemAsync(401, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task LogisticsEndpoint_WithALogisticsOrAdminKey_IsAdmitted(string method, string path)
    {
        foreach (var client in new[] { fixture.Logistics, fixture.Admin })
        {
            var response = await client.SendAsync(Request(method, path));
            ((int)response.StatusCode).ShouldNotBeOneOf([401, 403], await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task RunJob_WithALogisticsKey_Returns403()
    {
        await (await fixture.Logistics.PostAsync("/api/admin/jobs/pick-batches/run", null)).ShouldBeProblemAsync(403, "forbidden");
    }

    // Bodies that read but change nothing real: the point is who gets in, not what happens.
    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method == "GET" ? null : path.EndsWith("/import", StringComparison.Ordinal)
            ? new StringContent("reference,carrier,trackingNumber\n", Encoding.UTF8, "text/csv")
            : new StringContent(
                path.EndsWith("/pick-batches", StringComparison.Ordinal) ? "{\"max\": 0}" : "{}", Encoding.UTF8, "application/json"),
    };
}
