using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 9457 problem with the status and code; returns its JSON.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, int status, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonNode.Parse(text)!.AsObject();
        (problem["status"]?.GetValue<int>()).ShouldBe(status, text);
        if (code is not null)
        {
            (problem["code"]?.GetValue<string>()).ShouldBe(code, text);
        }

        return problem;
    }

    public static async Task<JsonObject> ShouldBeValidationProblemAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeProblemAsync(422, "validationFailed");
        var errors = problem["errors"]!.AsObject();
        foreach (var field in fields)
        {
            errors.ContainsKey(field).ShouldBeTrue($"Expected an error on '{field}', got: {errors.ToJsonString()}");
        }

        return problem;
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}
