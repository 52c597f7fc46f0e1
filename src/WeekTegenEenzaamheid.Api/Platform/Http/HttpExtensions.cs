using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Registers JSON settings, problem details, the exception handler, the public read cache, the API document and rate
/// limiting.
/// </summary>
public static class HttpExtensions
{
    public const string PublicWrites = "public-writes";

    public static IServiceCollection AddHttpPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JsonOptions>(options => Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Problems the framework writes itself (no route, a body over Kestrel's limit) get a code too.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("code",
                Problems.CodeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode)));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<PublicReadCache>();
        services.AddSingleton<ICommitObserver>(provider => provider.GetRequiredService<PublicReadCache>());
        services.AddApiDocument();

        services.AddBoundOptions<RateLimitingOptions>(configuration, RateLimitingOptions.Section);
        services.AddRateLimiter(options =>
        {
            // The limiter's own default is 503, which would tell clients the service is down.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PublicWrites, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientPartition(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.PublicWritesPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1,
                    (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "tooManyRequests",
                    "Too many requests; try again later.");
            };
        });
        return services;
    }

    /// <summary>
    /// The rate limiting partition of a client address: an IPv4 address on its own (an IPv4-mapped IPv6
    /// address as its IPv4 address), an IPv6 address by its /64, which RFC 6177 hands a single site whole;
    /// one client can pick any of its 2^64 addresses. This also bounds the limiter's partitions to the /64s
    /// that are active in one window (idle ones are dropped by the limiter).
    /// </summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new InstantJsonConverter());
    }

    /// <summary>Describes the problem responses an endpoint can give, for the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            if (status == StatusCodes.Status422UnprocessableEntity)
            {
                builder.ProducesValidationProblem(status);
            }
            else
            {
                builder.ProducesProblem(status);
            }
        }

        return builder.ProducesProblem(StatusCodes.Status400BadRequest);
    }
}

/// <summary>
/// The <c>RateLimiting</c> configuration section (its <c>PerRecipient</c> part is <see
/// cref="Email.RecipientLimitOptions"/>).
/// </summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Public writes (registrations, sign-ups, confirmations) one client may make in a minute; default 20.</summary>
    [Range(1, 1_000_000)]
    public int PublicWritesPerMinute { get; set; } = 20;
}
