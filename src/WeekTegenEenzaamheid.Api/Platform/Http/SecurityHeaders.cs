using Microsoft.AspNetCore.StaticAssets;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// The one place for the headers every answer carries, whichever part of the app writes it (the pages, the jobs
/// dashboard, the API reference). Every answer: <c>nosniff</c>. Every HTML answer: no framing by any site
/// (clickjacking), no copy kept by a browser or a proxy and no address (which may hold a token) leaked in a
/// Referer header, since pages take tokens in their address or show personal data (pages.md, "How every page is
/// built"). Fingerprinted static files are cached a year.
/// </summary>
public static class SecurityHeaders
{
    public const string FrameAncestorsNone = "frame-ancestors 'none'";

    /// <summary>The policy of the app's own pages: only the app's own files, no inline script or style.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "form-action 'self'; " + FrameAncestorsNone + "; base-uri 'none'; object-src 'none'";

    // The dashboard and the API reference bring their own inline and CDN scripts: they only get the framing rule.
    private static readonly string[] ThirdPartyUis = ["/hangfire", "/scalar"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var response = context.Response;
        // Set when the headers go out: only then are the content type and the endpoint known, whoever wrote the body.
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            if (IsFingerprinted(context.GetEndpoint()))
            {
                // The build's manifest (dotnet run) says no-cache for every file; only a publish's says immutable. A
                // fingerprinted address changes with the file's content, so it may be cached a year however the app runs.
                response.Headers.CacheControl = "public, max-age=31536000, immutable";
            }
            else if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.ContentSecurityPolicy = IsThirdPartyUi(context.Request.Path) ? FrameAncestorsNone : PagePolicy;
                // For browsers that predate CSP's frame-ancestors.
                response.Headers.XFrameOptions = "DENY";
                response.Headers["Referrer-Policy"] = "no-referrer";
                response.Headers.CacheControl = "no-store";
                response.Headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });

    private static bool IsThirdPartyUi(PathString path) => ThirdPartyUis.Any(prefix => path.StartsWithSegments(prefix));

    private static bool IsFingerprinted(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset && asset.Properties.Any(p => p.Name == "fingerprint");
}
