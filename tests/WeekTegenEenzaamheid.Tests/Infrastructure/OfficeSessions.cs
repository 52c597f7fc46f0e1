using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Pages as a browser asks for them, and reading the database as a check.</summary>
public static class OfficeSessions
{
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
