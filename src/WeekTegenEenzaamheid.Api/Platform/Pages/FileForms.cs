using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace WeekTegenEenzaamheid.Api.Platform.Pages;

/// <summary>
/// The size limits of the pages' file forms (<c>multipart/form-data</c>: the carrier's shipments CSV, the joined
/// municipalities file). Every other request keeps Kestrel's <see cref="Http.StrictJson.MaxBodyBytes"/> (1 MiB), the JSON
/// API included; an API endpoint whose body is the carrier's CSV takes the same file (<see cref="AcceptsFileBody"/>). A file
/// form's endpoint says <see cref="AcceptsFileForm"/> with its largest file (<see cref="MaxFileBytes"/>
/// unless it names a smaller one); its request may then be that plus <see cref="FormOverheadBytes"/>. A larger request gets
/// 413 and a Dutch page (<see cref="TooLargeMessage"/>) before anything parses it (the body is read and thrown away), so
/// nothing changes.
/// </summary>
public static class FileForms
{
    /// <summary>
    /// 10 MiB, the largest file a file form takes unless it says less. A carrier's CSV row (reference, carrier, tracking
    /// number, often a few columns more) is 40 to 150 bytes, so a busy week of some 20,000 shipments can pass 1 MiB, while
    /// 10 MiB holds several times the busiest week; the import reads the file into memory, so the limit also bounds what one
    /// upload costs the server.
    /// </summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Room for the form's other fields (the antiforgery token) and the multipart framing around the file.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>
    /// How much of a too large file form is still read (and thrown away) so that the browser gets the 413 page: 100 MiB, more
    /// than a photo or a spreadsheet picked by mistake; a larger request's connection is cut off.
    /// </summary>
    public const long DrainCeilingBytes = 100 * 1024 * 1024;

    /// <summary>What the page says about a file over <paramref name="maxFileBytes"/> (status 413), in whole MB.</summary>
    public static string TooLargeMessage(long maxFileBytes = MaxFileBytes) =>
        "Het bestand is te groot. Een bestand mag hoogstens "
        + (maxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB zijn.";

    /// <summary>
    /// Lets the endpoint take a request of <paramref name="maxFileBytes"/> plus <see cref="FormOverheadBytes"/> (Kestrel's
    /// limit for this request, through routing's <see cref="IRequestSizeLimitMetadata"/>).
    /// </summary>
    public static RouteHandlerBuilder AcceptsFileForm(this RouteHandlerBuilder endpoint, long maxFileBytes = MaxFileBytes) =>
        endpoint.WithMetadata(new Limit(maxFileBytes));

    /// <summary>
    /// Lets an API endpoint whose body is a file itself (the carrier's CSV) take <paramref name="maxFileBytes"/>; a larger body
    /// fails while the endpoint reads it, which the problem handler answers 413 <c>payloadTooLarge</c>.
    /// </summary>
    public static RouteHandlerBuilder AcceptsFileBody(this RouteHandlerBuilder endpoint, long maxFileBytes = MaxFileBytes) =>
        endpoint.WithMetadata(new BodyLimit(maxFileBytes)).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// Answers 413 with a Dutch page, before anything parses the body, when a file form's request says it is larger than
    /// its endpoint takes; true when it did. (A body sent without its length meets Kestrel's limit while the form is read:
    /// <see cref="IsTooLarge"/>; browsers send a form's length.)
    /// </summary>
    public static async Task<bool> RefuseWhenTooLargeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<Limit>() is not { } limit
            || !(context.Request.ContentLength > limit.MaxRequestBodySize))
        {
            return false;
        }

        // A browser still sending when the server answers and closes the connection tends to show a broken connection
        // instead of the page, so the body is read to its end and thrown away first, up to DrainCeilingBytes.
        if (context.Request.ContentLength <= DrainCeilingBytes
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = DrainCeilingBytes;
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        await TooLarge(context);
        return true;
    }

    /// <summary>True when reading the request failed on the server's body size limit (Kestrel's 413).</summary>
    public static bool IsTooLarge(Exception? exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Dutch 413 page: the file form's limit, or the like for a form without a file.</summary>
    public static Task TooLarge(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Limit>() is { } limit
            ? PagesExtensions.WriteMessageAsync(context, StatusCodes.Status413PayloadTooLarge, "Bestand te groot",
                TooLargeMessage(limit.FileBytes) + " Ga terug en kies een kleiner bestand.")
            : PagesExtensions.WriteMessageAsync(context, StatusCodes.Status413PayloadTooLarge, "Formulier te groot",
                "Het formulier is te groot om te verwerken. Ga terug en maak de tekst korter.");

    private sealed class Limit(long fileBytes) : IRequestSizeLimitMetadata
    {
        public long FileBytes => fileBytes;

        public long? MaxRequestBodySize => fileBytes + FormOverheadBytes;
    }

    private sealed class BodyLimit(long bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => bytes;
    }
}
