namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// The headers every HTML answer carries, whichever part of the app writes it (the pages behind e-mail links,
/// the jobs dashboard, the API reference): no framing by any site (clickjacking), no content sniffing, and no
/// copy kept by the browser or a proxy, since each of these pages takes a token in its address or shows
/// personal data. Every other answer gets <c>nosniff</c> too.
/// </summary>
public static class SecurityHeaders
{
    public const string FrameAncestorsNone = "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var response = context.Response;
        // Set when the headers go out: only then is the content type known, whoever wrote the body.
        response.OnStarting(() =>
        {
            response.Headers.XContentTypeOptions = "nosniff";
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                response.Headers.ContentSecurityPolicy = FrameAncestorsNone;
                // For browsers that predate CSP's frame-ancestors.
                response.Headers.XFrameOptions = "DENY";
                response.Headers.CacheControl = "no-store";
                response.Headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
