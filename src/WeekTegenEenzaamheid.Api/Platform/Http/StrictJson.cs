using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// The one reader every JSON request body passes before anything binds or parses it. A body is
/// refused (400 <c>malformedRequest</c>) when it starts with a byte order mark (RFC 8259 §8.1: a
/// sender must not add one), is not valid UTF-8, holds a string or name with an escaped lone
/// surrogate (not valid UTF-16, so not text), names a property twice in one object (which of the two
/// counts differs per reader), or is nested deeper than <see cref="MaxDepth"/>. A charset other than
/// UTF-8 is refused with 415.
/// </summary>
public static class StrictJson
{
    /// <summary>Kestrel's request body limit; the reader holds to it too, where a test server has none.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const int MaxDepth = 64;

    private const string LoneSurrogate = "A string in the JSON is not valid UTF-16 (a lone surrogate).";

    private static readonly JsonDocumentOptions Document = new() { AllowDuplicateProperties = false, MaxDepth = MaxDepth };

    /// <summary>application/json and every application/*+json (merge patch, problem), as the body binder takes them.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when the content type names no charset or UTF-8.</summary>
    public static bool IsUtf8(string? contentType) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var media)
        || !media.Charset.HasValue
        || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="body"/> is strict JSON (or empty); otherwise what is wrong, for the problem's detail.</summary>
    public static string? Check(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        if (body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return "The body starts with a byte order mark; send UTF-8 without one.";
        }

        if (!Utf8.IsValid(body.Span))
        {
            return "The body is not valid UTF-8.";
        }

        try
        {
            using var document = JsonDocument.Parse(body, Document);
            return TextIsValid(document.RootElement) ? null : LoneSurrogate;
        }
        catch (JsonException exception)
        {
            return $"The JSON is malformed, nested too deep or names a property twice, at line {exception.LineNumber + 1}.";
        }
        catch (InvalidOperationException)
        {
            // The duplicate check unescapes names and throws this, not a JsonException, on a lone surrogate.
            return LoneSurrogate;
        }
    }

    private static bool TextIsValid(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return IsUtf16(element.GetString());
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(TextIsValid);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(property => IsUtf16(property.Name) && TextIsValid(property.Value));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            // GetString throws this for some escaped surrogates without a partner; names are unescaped leniently.
            return false;
        }
    }

    private static bool IsUtf16(string? text)
    {
        for (var i = 0; i < text?.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// Runs <see cref="StrictJson.Check"/> over every JSON request body and hands the endpoint the same
/// bytes. Endpoints marked <see cref="ReadsRawJsonAttribute"/> (a signed webhook checks its signature
/// on the raw bytes first) call <see cref="StrictJson.Check"/> themselves.
/// </summary>
public sealed class StrictJsonMiddleware(RequestDelegate next)
{
    private const string Unreadable = "The request could not be read.";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!StrictJson.IsJson(request.ContentType) || context.GetEndpoint()?.Metadata.GetMetadata<ReadsRawJsonAttribute>() is not null)
        {
            await next(context);
            return;
        }

        if (!StrictJson.IsUtf8(request.ContentType))
        {
            await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupportedMediaType", Unreadable,
                "JSON is read as UTF-8 only.");
            return;
        }

        var body = await ReadAsync(request, context.RequestAborted);
        if (body is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "payloadTooLarge", Unreadable,
                $"The body is larger than {StrictJson.MaxBodyBytes} bytes.");
            return;
        }

        if (StrictJson.Check(body) is { } problem)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "malformedRequest", Unreadable, problem);
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > StrictJson.MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > StrictJson.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>Marks an endpoint that reads its JSON body itself and runs <see cref="StrictJson.Check"/> on it.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ReadsRawJsonAttribute : Attribute;
