using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Signed-in staff whose id the test knows (history rows, revoking them), and reading the database as a check.</summary>
public static class OfficeSessions
{
    /// <summary>A new member of <paramref name="role"/> and a cookie client signed in as them (redirects not followed).</summary>
    public static async Task<(Guid Id, string Email, HttpClient Client)> SignedInMemberAsync(
        this WteApp app, string role, string? name = null)
    {
        var (id, email) = await app.CreateMemberAsync(role, name);
        return (id, email, await app.SignInAsync(id));
    }

    /// <summary>A new cookie client signed in as member <paramref name="staffId"/> through a sign-in link's page.</summary>
    public static async Task<HttpClient> SignInAsync(this WteApp app, Guid staffId)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var open = await PageClient.GetAsync(client, await app.SignInLinkAsync(staffId));
        var signedIn = await PageClient.SubmitAsync(client, open, "Inloggen");
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A GET as a browser sends it (Accept: text/html).</summary>
    public static Task<HttpResponseMessage> GetPageAsync(this HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html");
        return client.SendAsync(request);
    }

    public static async Task<T> ScalarAsync<T>(this WteApp app, string sql, object? param = null)
    {
        await using var connection = await app.Services.GetRequiredService<ConnectionFactory>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, param))!;
    }

    public static async Task ExecuteAsync(this WteApp app, string sql, object? param = null)
    {
        await using var connection = await app.Services.GetRequiredService<ConnectionFactory>().OpenAsync();
        await connection.ExecuteAsync(sql, param);
    }
}
