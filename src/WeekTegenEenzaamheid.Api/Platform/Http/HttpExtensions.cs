using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

public static class HttpExtensions
{
    public const string PublicWrites = "public-writes";

    public static IServiceCollection AddHttpPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JsonOptions>(options => Configure(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // Problems the framework writes itself (no route, a body over Kestrel's limit) get a code too.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("code", Problems.CodeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode)));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<PublicReadCache>();
        services.AddApiDocument();

        var permits = configuration.GetValue("RateLimiting:PublicWritesPerMinute", 20);
        services.AddRateLimiter(options =>
        {
            // The limiter's own default is 503, which would tell clients the service is down.
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PublicWrites, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "tooManyRequests", "Too many requests; try again later.");
            };
        });
        return services;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
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
