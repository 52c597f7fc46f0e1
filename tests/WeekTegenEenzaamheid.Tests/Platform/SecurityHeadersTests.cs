using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>Every HTML answer the app gives, from whichever route, carries the framing, sniffing and caching headers.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(AppFixture fixture)
{
    [Fact]
    public async Task EveryHtmlRoute_ForbidsFramingAndSniffingAndStoring()
    {
        var activity = await ActivityFlow.PublishAsync(fixture);
        var token = Uri.EscapeDataString(activity.ManageToken);
        var routes = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } raw && !raw.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Pattern: endpoint.RoutePattern.RawText!)))
            .Distinct()
            .ToArray();
        // The dashboard is one catch-all route: a few of its pages by name.
        string[] extra = ["/hangfire/recurring", "/hangfire/jobs/enqueued", "/hangfire/servers", "/scalar/v1"];

        var html = new List<string>();
        var requests = routes.Select(route => (route.Method, Path: Fill(route.Pattern, activity.Id)))
            .Concat(extra.Select(path => ("GET", path)));
        foreach (var (method, path) in requests)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}{separator}token={token}");
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new("token", "not-the-token")]);
            }

            using var response = await fixture.Admin.SendAsync(request);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            html.Add($"{method} {path}");
            var because = $"{method} {path} ({(int)response.StatusCode})";
            response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'", Case.Sensitive, because);
            response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY", because);
            response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff", because);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(because);
        }

        html.ShouldContain($"GET /beheer/activiteiten/{activity.Id}");
        html.ShouldContain($"POST /beheer/activiteiten/{activity.Id}/bevestigen");
        html.ShouldContain($"GET /beheer/activiteiten/{activity.Id}/opkomst");
        html.ShouldContain($"POST /beheer/activiteiten/{activity.Id}/opkomst");
        html.ShouldContain($"GET /aanmeldingen/{activity.Id}/annuleren");
        html.ShouldContain($"POST /aanmeldingen/{activity.Id}/annuleren");
        html.ShouldContain("GET /hangfire/recurring");
        html.ShouldContain(entry =>
            entry.StartsWith("GET /hangfire", StringComparison.Ordinal) && !entry.Contains("recurring", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonAnswers_AreNotSniffed()
    {
        var response = await fixture.Public.GetAsync("/api/editions");

        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    // Route values: the activity's id for every id (a sign-up id that does not exist still gets its HTML page), the rest empty.
    private static string Fill(string pattern, Guid id) =>
        Regex.Replace(pattern, @"\{([^}]*)\}", match => match.Groups[1].Value.StartsWith("id", StringComparison.Ordinal) ? $"{id}" : "")
            .Replace("//", "/", StringComparison.Ordinal) is var path && path.Length > 1 ? path.TrimEnd('/') : path;
}
