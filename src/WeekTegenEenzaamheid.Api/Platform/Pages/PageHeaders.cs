using Microsoft.AspNetCore.StaticAssets;

namespace WeekTegenEenzaamheid.Api.Platform.Pages;

/// <summary>
/// The security headers of every HTML answer (pages.md, "How every page is built"), and a year's caching for
/// fingerprinted static files. Pages carry names, e-mail addresses or tokens often enough that no page is stored
/// by a browser or a proxy, and no page leaks its address (which may hold a token) in a Referer header.
/// </summary>
public sealed class PageHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            if (IsFingerprinted(context.GetEndpoint()))
            {
                // The build's manifest (dotnet run) says no-cache for every file; only a publish's says immutable. A
                // fingerprinted address changes with the file's content, so it may be cached a year however the app runs.
                response.Headers.CacheControl = "public, max-age=31536000, immutable";
            }
            else if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                response.Headers.XContentTypeOptions = "nosniff";
                response.Headers.XFrameOptions = "DENY";
                response.Headers["Referrer-Policy"] = "no-referrer";
                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsFingerprinted(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset && asset.Properties.Any(p => p.Name == "fingerprint");
}
