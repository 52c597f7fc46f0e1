using System.Globalization;
using System.Text;
using MimeKit;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>How a message is written: the form RFC 5321/5322 asks of what crosses the wire.</summary>
public static class MailFormat
{
    /// <summary>RFC 5322 2.1.1: a line is at most 998 octets without its CRLF.</summary>
    public const int MaxLineOctets = 998;

    /// <summary>RFC 2047 2: an encoded-word is at most 75 characters, delimiters included.</summary>
    public const int MaxEncodedWord = 75;

    // "=?utf-8?b?" and "?=" take 12 of the 75; 63 base64 characters hold 45 whole octets (15 groups of 3).
    private const int MaxOctetsPerWord = 45;

    /// <summary>CRLF line ends, as an SMTP server stores what it received (the pickup folder's files).</summary>
    public static FormatOptions Wire { get; } = CreateWire();

    /// <summary>Gives every part a transfer encoding that is 7-bit clean and keeps lines within <see cref="MaxLineOctets"/>.</summary>
    public static void Prepare(MimeMessage message) => message.Prepare(EncodingConstraint.SevenBit, MaxLineOctets);

    /// <summary>
    /// Sets the subject; a subject that is not plain ASCII becomes UTF-8 encoded-words of at most
    /// <see cref="MaxEncodedWord"/> characters, each holding whole characters, one per folded line.
    /// </summary>
    public static void SetSubject(MimeMessage message, string subject)
    {
        if (subject.All(c => c is >= ' ' and <= '~'))
        {
            message.Subject = subject;
            return;
        }

        var words = new List<string>();
        var chunk = new StringBuilder();
        var octets = 0;
        var elements = StringInfo.GetTextElementEnumerator(subject);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > MaxOctetsPerWord && chunk.Length > 0)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                octets = 0;
            }

            chunk.Append(element);
            octets += size;
        }

        if (chunk.Length > 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        var header = new Header(HeaderId.Subject, string.Empty);
        header.SetRawValue(Encoding.ASCII.GetBytes(" " + string.Join("\r\n ", words) + "\r\n"));
        message.Headers.Replace(header);
    }

    private static string EncodedWord(string text) => "=?utf-8?b?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static FormatOptions CreateWire()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
