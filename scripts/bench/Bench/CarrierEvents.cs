using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;

namespace WeekTegenEenzaamheid.Bench;

/// <summary>Posts a signed "delivered" event for every shipped order, as the carrier's webhook would.</summary>
public static class CarrierEvents
{
    private const string Shipped = """
        SELECT tracking_number FROM kit_orders WHERE status = 'shipped' AND tracking_number IS NOT NULL
        """;

    public static async Task RunAsync(Options options)
    {
        var baseUrl = options.Require("url");
        var secret = Encoding.UTF8.GetBytes(options.Require("secret"));
        string[] trackingNumbers;
        await using (var connection = await Sql.Factory(options.Require("db")).OpenAsync())
        {
            trackingNumbers = (await connection.QueryAsync<string>(Shipped)).ToArray();
        }

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var failures = 0;
        await Parallel.ForEachAsync(trackingNumbers, new ParallelOptions { MaxDegreeOfParallelism = options.Int("parallel", 16) }, async (trackingNumber, ct) =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                eventId = $"bench-{trackingNumber}",
                trackingNumber,
                status = "delivered",
                occurredAt = DateTimeOffset.UtcNow,
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/carrier-events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body)));
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        });
        Console.Error.WriteLine($"posted {trackingNumbers.Length} carrier events, {failures} refused");
        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} carrier events were refused");
        }
    }
}
