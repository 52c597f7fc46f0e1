using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace WeekTegenEenzaamheid.Tests.Platform;

/// <summary>
/// Walks every operation of /openapi/v1.json and sends it mutated bodies, query strings and path
/// values (wrong types, nulls, huge and deep values, unicode edge cases, duplicate keys, wrong content
/// types) with valid credentials, so the input reaches the handlers. Bad input may never be a 5xx.
/// A fixed seed makes every run send the same requests; an app of its own keeps the staff calls
/// (editions, rejections, cancellations) away from the other tests' data. It runs in the app collection
/// because Hangfire's job storage and log provider are process-wide: two apps may not start or stop at once.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FuzzTests(FuzzTests.Target target, ITestOutputHelper output) : IClassFixture<FuzzTests.Target>
{
    private const int Seed = 20261130;

    // The operations that end what the others act on (cancel, reject) come last in each round.
    private const int Rounds = 2;

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "-0", "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e-400",
        "99999999999999999999999999999999", "\"\"", "\" \"", "\"1\"", "\"true\"", "\"null\"", "\"\\u0000\"", "\"\\ud800\"",
        "\"Soep \\ud800 praat\"", "\"\\udfff\\ud800\"", "\"😀🏳️‍🌈\"", "\"\\u202egnineve\"", "\"a\\r\\nBcc: x@example.nl\"",
        "\"\\u0007\\u001b[2J\"", "\"e\\u0301e\\u0301\"", "\"" + new string('x', 100_000) + "\"", "[]", "{}", "[null]", "[1,2,3]",
        "[\"meal\",\"meal\"]", "{\"a\":1}", "{\"$ref\":\"#\"}", new string('[', 70) + new string(']', 70),
        "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"2027-02-30\"", "\"2027-09-24T25:00:00+02:00\"",
        "\"00000000-0000-0000-0000-000000000000\"", "\"not-a-date\"", "\"GM0000\"", "\"' OR 1=1 --\"",
    ];

    private static readonly string[] WholeBodies =
    [
        "", "null", "[]", "\"x\"", "1", "{", "{\"a\":", "}{", "{}{}", "{\"a\":1,}", "{'a':1}", "{\"a\":1 /* c */}", "\uFEFF{}",
        new string('[', 5_000) + new string(']', 5_000), "{\"a\":" + new string('{', 200) + new string('}', 200) + "}",
        "[" + string.Join(',', Enumerable.Repeat("{}", 50_000)) + "]",
    ];

    private static readonly string[] QueryValues =
    [
        "", "-1", "0", "1", "2147483648", "99999999999999999999", "abc", "%00", "%ff%fe", "%ed%a0%80", "%F0%9F%98%80", "%0d%0aX: y",
        new string('x', 8_000), "2027-13-45", "0001-01-01", "9999-12-31T23:59:59%2B14:00", "null", "%5B%5D", "1e9", "GM0363", "true",
        "a%26b%3Dc",
    ];

    private static readonly string[] PathValues =
    [
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "..%2F..%2Fapi", new string('x', 2_000), "-1", "0", "99999",
        "2147483648", "%ed%a0%80", "%F0%9F%98%80", "%20", "a%0d%0ab", "WTE-0000-0000", "KEP%2FX",
    ];

    private static readonly (string MediaType, string Body)[] WrongContentTypes =
    [
        ("text/plain", "{\"title\":\"Soep\"}"),
        ("application/xml", "<activity><title>Soep</title></activity>"),
        ("application/x-www-form-urlencoded", "title=Soep&token=x"),
        ("multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--zz--\r\n"),
        ("application/json; charset=utf-16", "{\"title\":\"Soep\"}"),
        ("application/json; charset=iso-8859-1", "{\"title\":\"Soep\"}"),
        ("text/csv", "reference;carrier;trackingNumber\r\nWTE-1;PostNL;3SABC\r\n"),
    ];

    [Fact]
    public async Task EveryOperation_MutatedInput_NeverAnswers5xx()
    {
        var started = Stopwatch.StartNew();
        var random = new Random(Seed);
        var document = (await target.Fixture.Public.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var operations = Operations(document)
            .OrderBy(operation => Destroys(operation.Path) ? 1 : 0)
            .ThenBy(operation => operation.Path, StringComparer.Ordinal)
            .ThenBy(operation => operation.Method, StringComparer.Ordinal)
            .ToArray();
        operations.Length.ShouldBeGreaterThan(30);

        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var sent = 0;
        foreach (var operation in Enumerable.Range(0, Rounds).SelectMany(_ => operations))
        {
            foreach (var request in Requests(document, operation, random))
            {
                sent++;
                using var message = request.ToMessage(target);
                using var response = await target.Fixture.Public.SendAsync(message);
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                if ((int)response.StatusCode >= 500)
                {
                    var answer = await response.Content.ReadAsStringAsync();
                    failures.Add($"{(int)response.StatusCode} {request.Method} {Clip(request.PathAndQuery)} [{request.MediaType}] "
                        + $"{Clip(request.Body)} -> {Clip(answer)}");
                }
            }
        }

        output.WriteLine($"{sent} requests over {operations.Length} operations in {started.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(string.Join(", ", statuses.Select(status => $"{status.Key}: {status.Value}")));
        sent.ShouldBeGreaterThan(600);
        // The credentials and the valid starting bodies carry requests past the auth filters into the handlers.
        statuses.Keys.ShouldContain(200);
        statuses.Keys.ShouldContain(201);
        statuses.Keys.ShouldContain(422);
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    /// <summary>The HTML pages behind the e-mailed links are not in the OpenAPI document; their forms get the same treatment.</summary>
    [Fact]
    public async Task EveryPage_MutatedFormsAndLinks_NeverAnswers5xx()
    {
        var random = new Random(Seed);
        var pages = new[]
        {
            $"/beheer/activiteiten/{target.Activity.Id}", $"/beheer/activiteiten/{target.Activity.Id}/bevestigen",
            $"/beheer/activiteiten/{target.Activity.Id}/opkomst", $"/aanmeldingen/{target.RegistrationId}/annuleren",
        };
        var tokens = new[] { target.Activity.ManageToken, target.CancelToken, "", "%00", "%ed%a0%80", new string('x', 5_000), "a%0d%0ab" };
        var failures = new List<string>();
        var sent = 0;
        foreach (var page in pages)
        {
            foreach (var token in tokens)
            {
                foreach (var method in new[] { "GET", "POST" })
                {
                    var form = $"token={token}&attended={Pick(QueryValues, random)}&token={Pick(QueryValues, random)}";
                    var (mediaType, body) = random.Next(3) == 0 ? Pick(WrongContentTypes, random) : ("application/x-www-form-urlencoded",
                        form);
                    var request = new FuzzRequest(method, $"{page}?token={token}", mediaType, body);
                    using var message = request.ToMessage(target);
                    using var response = await target.Fixture.Public.SendAsync(message);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{(int)response.StatusCode} {method} {Clip(request.PathAndQuery)} [{mediaType}] {Clip(body)}");
                    }
                }
            }
        }

        sent.ShouldBe(pages.Length * tokens.Length * 2);
        failures.ShouldBeEmpty(string.Join("\n", failures));
    }

    private IEnumerable<FuzzRequest> Requests(JsonObject document, Operation operation, Random random)
    {
        var path = Fill(operation.Path, _ => null);
        var query = operation.QueryParameters;
        var validBody = operation.HasBody ? ValidBody(operation, document) : null;
        var mediaType = operation.MediaType ?? "application/json";

        if (validBody is not null)
        {
            yield return new FuzzRequest(operation.Method, path, mediaType, validBody.ToJsonString());
            foreach (var field in Pick(Fields(validBody), 8, random))
            {
                var placeholder = "\"__fuzz__\"";
                var mutated = Replace(validBody, field, "__fuzz__");
                var body = mutated.Replace(placeholder, Pick(JsonValues, random), StringComparison.Ordinal);
                yield return new FuzzRequest(operation.Method, path, mediaType, body);
            }

            foreach (var field in Pick(Fields(validBody).Where(f => !f.Contains('.', StringComparison.Ordinal)), 1, random))
            {
                var text = validBody.ToJsonString();
                var duplicate = $"\"{field}\":{Pick(JsonValues[..20], random)},";
                yield return new FuzzRequest(operation.Method, path, mediaType, text.Insert(1, duplicate));
            }
        }

        foreach (var body in Pick(WholeBodies, operation.HasBody ? 4 : 1, random))
        {
            yield return new FuzzRequest(operation.Method, path, mediaType, body);
        }

        foreach (var (wrongType, body) in Pick(WrongContentTypes, operation.HasBody ? 2 : 1, random))
        {
            yield return new FuzzRequest(operation.Method, path, wrongType, body);
        }

        var validQuery = validBody?.ToJsonString();
        foreach (var parameter in query)
        {
            foreach (var value in Pick(QueryValues, 3, random))
            {
                yield return new FuzzRequest(operation.Method, $"{path}?{parameter}={value}", mediaType, validQuery);
            }
        }

        if (query.Count > 0)
        {
            var all = string.Join('&', query.Select(parameter => $"{parameter}={Pick(QueryValues, random)}"));
            var repeated = $"{path}?{all}&{all}&unknown={Pick(QueryValues, random)}";
            yield return new FuzzRequest(operation.Method, repeated, mediaType, validQuery);
        }

        foreach (var name in operation.PathParameters)
        {
            foreach (var value in Pick(PathValues, 3, random))
            {
                var filled = Fill(operation.Path, parameter => parameter == name ? value : null);
                yield return new FuzzRequest(operation.Method, filled, mediaType, validQuery);
            }
        }

        string Fill(string template, Func<string, string?> value) =>
            System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", match =>
                value(match.Groups[1].Value) ?? target.PathValue(template, match.Groups[1].Value));
    }

    private JsonNode ValidBody(Operation operation, JsonObject document) => operation.Id switch
    {
        "RegisterActivity" => ActivityBodies.Valid(target.Fixture.Edition),
        "ChangeActivity" => new JsonObject { ["title"] = "Soep en praat", ["location"] = new JsonObject { ["city"] = "Almere" } },
        "PlaceKitOrder" => KitFlow.Order((target.Sku, 1)),
        "SignUpForActivity" => new JsonObject { ["name"] = "Jan", ["email"] = ActivityBodies.UniqueEmail("fuzz"), ["partySize"] = 1 },
        "SetEdition" => JsonSerializer.SerializeToNode(TestEdition.NextYear().Body, JsonSerializerOptions.Web)!,
        "ReceiveCarrierEvent" => JsonNode.Parse(KitFlow.CarrierEventJson("3SFUZZ0000001", "delivered", DateTimeOffset.UtcNow))!,
        _ => Example(operation.BodySchema, document, depth: 0) ?? new JsonObject(),
    };

    /// <summary>A value that fits the schema's types (not its rules): a start the mutations bend.</summary>
    private static JsonNode? Example(JsonNode? schema, JsonObject document, int depth)
    {
        if (schema is null || depth > 6)
        {
            return null;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Example(document["components"]!["schemas"]![reference.Split('/')[^1]], document, depth + 1);
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(type => type!.GetValue<string>()).ToArray(),
            JsonValue one => [one.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : [],
        };
        var type = types.FirstOrDefault(t => t != "null");
        if (schema["enum"] is JsonArray { Count: > 0 } values)
        {
            return values.First(v => v is not null)!.DeepClone();
        }

        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(property => KeyValuePair.Create(property.Key, Example(property.Value, document, depth + 1)))),
            "array" => new JsonArray(Example(schema["items"], document, depth + 1)),
            "integer" => 1,
            "number" => 1.5,
            "boolean" => true,
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
                "date" => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(1)).ToString("O"),
                "uuid" => Guid.NewGuid().ToString(),
                _ => "Soep",
            },
            _ => null,
        };
    }

    private static IEnumerable<Operation> Operations(JsonObject document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject operation || method == "parameters")
                {
                    continue;
                }

                var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>().ToArray();
                var content = operation["requestBody"]?["content"]?.AsObject();
                var mediaType = content?.Select(entry => entry.Key).FirstOrDefault();
                yield return new Operation(
                    method.ToUpperInvariant(),
                    path,
                    operation["operationId"]?.GetValue<string>() ?? $"{method} {path}",
                    parameters.Where(p => p["in"]?.GetValue<string>() == "query").Select(p => p["name"]!.GetValue<string>()).ToArray(),
                    parameters.Where(p => p["in"]?.GetValue<string>() == "path").Select(p => p["name"]!.GetValue<string>()).ToArray(),
                    content is not null,
                    mediaType,
                    mediaType is null ? null : content![mediaType]?["schema"]);
            }
        }
    }

    private static bool Destroys(string path) =>
        path.EndsWith("/cancel", StringComparison.Ordinal) || path.EndsWith("/reject", StringComparison.Ordinal)
        || path.Contains("/jobs/", StringComparison.Ordinal);

    private static IEnumerable<string> Fields(JsonNode body, string prefix = "") =>
        body is JsonObject obj
            ? obj.SelectMany(property => property.Value is JsonObject
                ? Fields(property.Value, prefix + property.Key + ".").Prepend(prefix + property.Key)
                : [prefix + property.Key])
            : [];

    private static string Replace(JsonNode body, string field, string value)
    {
        var copy = body.DeepClone();
        var parts = field.Split('.');
        var parent = parts[..^1].Aggregate(copy, (node, part) => node[part]!);
        parent[parts[^1]] = value;
        return copy.ToJsonString();
    }

    private static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];

    private static IEnumerable<T> Pick<T>(IEnumerable<T> items, int count, Random random)
    {
        var list = items.ToList();
        for (var i = 0; i < count && list.Count > 0; i++)
        {
            var index = random.Next(list.Count);
            yield return list[index];
            list.RemoveAt(index);
        }
    }

    private static string Clip(string? text) => text is null ? "(none)" : text.Length <= 200 ? text : text[..200] + "…";

    private sealed record Operation(
        string Method, string Path, string Id, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> PathParameters,
        bool HasBody, string? MediaType, JsonNode? BodySchema);

    private sealed record FuzzRequest(string Method, string PathAndQuery, string MediaType, string? Body)
    {
        public HttpRequestMessage ToMessage(Target target)
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(PathAndQuery, UriKind.Relative));
            if (Body is not null && Method != "GET")
            {
                var bytes = Encoding.UTF8.GetBytes(Body);
                message.Content = new ByteArrayContent(bytes);
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
                message.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(
                    HMACSHA256.HashData(Encoding.UTF8.GetBytes(WteApp.CarrierWebhookSecret), bytes)));
            }

            var logistics = PathAndQuery.StartsWith("/api/logistics", StringComparison.Ordinal);
            var key = logistics ? target.Fixture.LogisticsKey : target.Fixture.AdminKey;
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            message.Headers.Add("X-Manage-Token", target.Activity.ManageToken);
            message.Headers.Add("X-Cancel-Token", target.CancelToken);
            return message;
        }
    }

    /// <summary>An app of its own with one of everything a path can name: an activity, a sign-up, a kit item, an order, a batch.</summary>
    public sealed class Target : IAsyncLifetime
    {
        public AppFixture Fixture { get; } = new();

        public RegisteredActivity Activity { get; private set; } = null!;

        public string CancelToken { get; private set; } = null!;

        public Guid RegistrationId { get; private set; }

        public string Sku { get; private set; } = null!;

        public string Reference { get; private set; } = null!;

        public Guid RejectableId { get; private set; }

        public Guid BatchId { get; private set; }

        public async Task InitializeAsync()
        {
            await Fixture.InitializeAsync();
            Activity = await ActivityFlow.PublishAsync(Fixture);
            var signUp = await SignUpFlow.SignUpAsync(Fixture, Activity.Id);
            RegistrationId = signUp.Id;
            CancelToken = await SignUpFlow.CancelTokenAsync(Fixture, signUp);
            Sku = await KitFlow.NewItemAsync(Fixture, stock: 10);
            var order = await KitFlow.OrderAsync(Fixture, (Sku, 1));
            Reference = order.Reference;
            BatchId = await KitFlow.BatchAsync(Fixture);
            RejectableId = (await ActivityFlow.PublishAsync(Fixture)).Id;
        }

        public string PathValue(string template, string name) => name switch
        {
            "id" when template.StartsWith("/api/registrations", StringComparison.Ordinal) => RegistrationId.ToString(),
            "id" when template.StartsWith("/api/admin/activities", StringComparison.Ordinal) => RejectableId.ToString(),
            "id" when template.Contains("pick-batches", StringComparison.Ordinal) => BatchId.ToString(),
            "id" => Activity.Id.ToString(),
            "year" => Fixture.Edition.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "sku" => Sku,
            "reference" => Reference,
            "name" => "late-orders",
            _ => "x",
        };

        public Task DisposeAsync() => Fixture.DisposeAsync();
    }
}
