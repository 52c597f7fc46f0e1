using System.Buffers;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Reads a text file as the software that wrote it meant it: a byte order mark first (UTF-8, UTF-16 LE or BE;
/// it is the file's own word and wins over a header, as the WHATWG encoding rules have it), then the
/// <c>charset</c> of the Content-Type, and without either valid UTF-8 as UTF-8 and anything else as Windows-1252,
/// what Dutch Excel and most carriers' software write when saving "CSV" without UTF-8.
/// </summary>
public static class IncomingText
{
    /// <summary>Windows-1252 comes from the code pages provider, which .NET ships but does not register.</summary>
    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The decoded text without its byte order mark, or why it cannot be read.</summary>
    public sealed record Decoded(string? Text, string? Problem);

    /// <summary>Decodes <paramref name="content"/>; <paramref name="contentType"/> is the request's Content-Type header.</summary>
    public static Decoded Decode(ReadOnlySpan<byte> content, string? contentType)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return AsUtf8(content[3..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Strict(Encoding.Unicode, content[2..]);
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Strict(Encoding.BigEndianUnicode, content[2..]);
        }

        var charset = MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ? mediaType.Charset.Value?.Trim('"') : null;
        if (!string.IsNullOrEmpty(charset))
        {
            var encoding = Named(charset);
            if (encoding is null)
            {
                return new Decoded(null, $"The charset {charset} is not known; send UTF-8 or windows-1252.");
            }

            return encoding.CodePage == Encoding.UTF8.CodePage ? AsUtf8(content) : Strict(encoding, content);
        }

        return System.Text.Unicode.Utf8.IsValid(content) ? AsUtf8(content) : new Decoded(Windows1252.GetString(content), null);
    }

    private static Encoding? Named(string charset)
    {
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(charset) ?? Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Decoded AsUtf8(ReadOnlySpan<byte> content)
    {
        var chars = new char[content.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(content, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new Decoded(new string(chars, 0, written), null);
        }

        var line = content[..read].Count((byte)'\n') + 1;
        return new Decoded(
            null, $"Line {line} is not valid UTF-8 (byte {read + 1} of the file); save the file as UTF-8 or send its charset.");
    }

    private static Decoded Strict(Encoding encoding, ReadOnlySpan<byte> content)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return new Decoded(strict.GetString(content).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return new Decoded(null, $"The file is not valid {encoding.WebName}.");
        }
    }
}
