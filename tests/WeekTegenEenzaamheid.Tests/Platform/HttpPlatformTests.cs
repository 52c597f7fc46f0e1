using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

[Collection(AppCollection.Name)]
public sealed class HttpPlatformTests(AppFixture fixture)
{
    public static TheoryData<string, string, int[]> Operations => new()
    {
        { "get", "/api/editions", [] },
        { "get", "/api/editions/{year}", [400, 404] },
        { "put", "/api/editions/{year}", [400, 401, 403, 422] },
        { "post", "/api/activities", [400, 422, 429] },
        { "get", "/api/activities", [400, 422] },
        { "get", "/api/activities/{id}", [400, 404] },
        { "patch", "/api/activities/{id}", [400, 401, 404, 409, 422] },
        { "post", "/api/activities/{id}/verify", [400, 404, 422] },
        { "get", "/api/activities/{id}/manage", [400, 401, 404] },
        { "post", "/api/activities/{id}/cancel", [400, 401, 404] },
        { "get", "/api/activities/{id}/calendar.ics", [400, 404] },
        { "post", "/api/admin/activities/{id}/reject", [400, 401, 403, 404, 422] },
        { "post", "/api/admin/jobs/{name}/run", [400, 401, 403, 404] },
        { "get", "/api/admin/persons", [400, 401, 403, 422] },
        { "post", "/api/admin/persons/erase", [400, 401, 403, 422] },
        { "get", "/api/admin/persons/requests", [400, 401, 403, 422] },
        { "post", "/api/registrations/{id}/erase", [400, 401, 404, 409] },
        { "post", "/api/activities/{id}/erase", [400, 401, 404, 409] },
    };

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Probes_Return200(string path)
    {
        var response = await fixture.Public.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task OpenApi_DocumentsEveryEndpointWithItsProblems(string method, string path, int[] problems)
    {
        var document = await fixture.Public.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var paths = document!["paths"]!.AsObject();
        paths.ContainsKey(path).ShouldBeTrue($"{path} is not in: {string.Join(", ", paths.Select(p => p.Key))}");
        var operation = paths[path]![method];
        operation.ShouldNotBeNull($"{method} {path} is not documented");
        var responses = operation["responses"]!.AsObject();
        responses.Select(r => r.Key).ShouldContain(status => status.StartsWith('2'));
        foreach (var status in problems)
        {
            responses.ContainsKey(status.ToString()).ShouldBeTrue($"{method} {path} does not document {status}: " +
                $"{responses.ToJsonString()}");
            responses[status.ToString()]!["content"]!.AsObject().ContainsKey("application/problem+json").ShouldBeTrue($"{method} {path} " +
                $"{status}");
        }
    }

    [Fact]
    public async Task OpenApi_DocumentsEveryApiRouteTheAppMaps_AndItsProblemsWhereItTakesInput()
    {
        var document = await fixture.Public.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();
        var routes = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method =>
                (Method: method.ToLowerInvariant(), Path: Regex.Replace(endpoint.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\}",
                    "{$1}").TrimEnd('/'))))
            .ToArray();

        routes.Length.ShouldBeGreaterThan(30);
        foreach (var (method, path) in routes)
        {
            var operation = paths[path]?[method];
            operation.ShouldNotBeNull($"{method} {path} is not in the OpenAPI document");
            // Whatever takes input (a route value, a query parameter, a body) can be given bad input.
            var takesInput = operation["parameters"] is JsonArray { Count: > 0 } || operation["requestBody"] is not null;
            var responses = operation["responses"]!.AsObject();
            if (takesInput)
            {
                responses.Where(r => r.Key.StartsWith('4')
                    && r.Value!["content"]?.AsObject().ContainsKey("application/problem+json") == true)
                    .ShouldNotBeEmpty($"{method} {path} takes input but documents no 4xx problem");
            }
        }
    }

    [Fact]
    public async Task OpenApi_LeavesOutTheHtmlPages()
    {
        var document = await fixture.Public.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        document!["paths"]!.AsObject().Select(p => p.Key).ShouldAllBe(path => path.StartsWith("/api/"));
    }

    [Fact]
    public async Task Scalar_Answers()
    {
        var response = await fixture.Public.GetAsync("/scalar");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");
    }

    [Fact]
    public async Task HangfireDashboard_WithoutKey_IsNotShown()
    {
        var response = await fixture.Public.GetAsync("/hangfire");

        ((int)response.StatusCode).ShouldBeOneOf(401, 302);
    }

    [Fact]
    public async Task HangfireDashboard_WithUnknownKey_IsNotShown()
    {
        using var client = fixture.App.ClientWithKey("wte_not-a-key-anyone-was-given");

        var response = await client.GetAsync("/hangfire");

        ((int)response.StatusCode).ShouldBeOneOf(401, 302);
    }

    [Fact]
    public async Task HangfireDashboard_WithLogisticsKey_IsNotShown()
    {
        var response = await fixture.Logistics.GetAsync("/hangfire");

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        ((int)response.StatusCode).ShouldBeOneOf(401, 403);
    }

    [Fact]
    public async Task HangfireDashboard_WithAdminKey_Returns200()
    {
        var response = await fixture.Admin.GetAsync("/hangfire");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Hangfire");
    }

    [Fact]
    public async Task PublicWrites_BeyondTheLimit_Return429WithRetryAfter()
    {
        await using var app = new WteApp(null, new Dictionary<string, string?> { ["RateLimiting:PublicWritesPerMinute"] = "3" });
        using var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var passed = await client.PostAsJsonAsync("/api/activities", new { });
            passed.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests);
        }

        var limited = await client.PostAsJsonAsync("/api/activities", new { });

        await limited.ShouldBeProblemAsync(429, "tooManyRequests");
        limited.Headers.RetryAfter.ShouldNotBeNull();
        limited.Headers.RetryAfter.Delta.ShouldNotBeNull();
        limited.Headers.RetryAfter.Delta.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        (await client.GetAsync("/api/editions")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RequestBody_Over1MiB_Returns413()
    {
        // The limit is Kestrel's, so this one runs on Kestrel rather than the in-memory test server.
        await using var app = new WteApp(null);
        app.UseKestrel(0);
        app.StartServer();
        using var client = app.CreateClient();
        var body = ActivityBodies.Valid(fixture.Edition);
        body["description"] = new string('x', (1024 * 1024) + 1);

        var response = await client.PostAsync("/api/activities", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(413, "payloadTooLarge");
    }

    [Fact]
    public async Task UnknownPath_Returns404ProblemWithCode()
    {
        var response = await fixture.Public.GetAsync("/api/no-such-thing");

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task ActivityIdThatIsNotAGuid_Returns404ProblemWithCode()
    {
        var response = await fixture.Public.GetAsync("/api/activities/42");

        await response.ShouldBeProblemAsync(404, "notFound");
    }

    [Fact]
    public async Task UnsupportedMethod_Returns405ProblemWithCode()
    {
        var response = await fixture.Public.DeleteAsync("/api/editions");

        await response.ShouldBeProblemAsync(405, "methodNotAllowed");
    }

    [Fact]
    public async Task BodyThatIsNotJson_Returns415ProblemWithCode()
    {
        var response = await fixture.Public.PostAsync("/api/activities", new StringContent("year=2027", Encoding.UTF8,
            "application/x-www-form-urlencoded"));

        await response.ShouldBeProblemAsync(415, "unsupportedMediaType");
    }
}
