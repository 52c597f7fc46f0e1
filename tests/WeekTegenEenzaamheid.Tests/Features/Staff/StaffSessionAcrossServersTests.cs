using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Features.Staff;

/// <summary>
/// Two app servers on one database read each other's staff cookies: the Data Protection keys are in the database, and
/// the session's row decides on both. A server on another database has no such session. In the app collection:
/// starting apps touches Hangfire's process-wide state.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaffSessionAcrossServersTests
{
    [Fact]
    public async Task Session_StartedOnOneServer_WorksAndEndsOnTheOther()
    {
        await using var first = new WteApp(smtpPort: null);
        var (id, _) = await first.CreateMemberAsync("admin");
        await using var second = new WteApp(smtpPort: null, SameDatabaseAs(first));
        await using var elsewhere = new WteApp(smtpPort: null);
        var browser = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signedIn = await PageClient.SubmitAsync(browser, await PageClient.GetAsync(browser, await first.SignInLinkAsync(id)),
            "Inloggen");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wte-medewerker=", StringComparison.Ordinal))
            .Split(';')[0];

        (await DashboardAsync(second, cookie)).ShouldBe(HttpStatusCode.OK);
        (await DashboardAsync(elsewhere, cookie)).ShouldBe(HttpStatusCode.Redirect);
        // In one test process the servers would also share the file-system key folder; across machines only this table is shared.
        await using (var connection = await first.Services.GetRequiredService<ConnectionFactory>().OpenAsync())
        {
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(1) FROM data_protection_keys")).ShouldBeGreaterThan(0);
        }

        var staffPage = await PageClient.GetAsync(browser, "/programmabureau/privacyverzoeken");
        (await PageClient.SubmitAsync(browser, staffPage, "Uitloggen")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DashboardAsync(second, cookie)).ShouldBe(HttpStatusCode.Redirect);
    }

    private static Dictionary<string, string?> SameDatabaseAs(WteApp app) => app.PostgreSqlConnectionString is { } postgreSql
        ? new() { ["Database:Provider"] = "PostgreSql", ["ConnectionStrings:Default"] = postgreSql }
        : WteApp.SqlServer is { Length: > 0 } sqlServer
            ? new() { ["Database:Provider"] = "SqlServer", ["ConnectionStrings:Default"] = sqlServer }
            : new() { ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(app.Folder, "wte.db")}" };

    private static async Task<HttpStatusCode> DashboardAsync(WteApp app, string cookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Accept", "text/html");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }
}
