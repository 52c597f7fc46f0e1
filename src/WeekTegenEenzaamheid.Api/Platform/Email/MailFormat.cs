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
    /// (MimeKit folds at 78 characters a line, which lets a word grow to 76.)
    /// </summary>
    public static void SetSubject(MimeMessage message, string subject)
    {
        if (IsPlain(subject))
        {
            message.Subject = subject;
            return;
        }

        SetRaw(message, HeaderId.Subject, " " + string.Join("\r\n ", EncodedWords(subject)) + "\r\n");
    }

    /// <summary>Sets the one recipient; a display name that is not plain ASCII is folded as <see cref="SetSubject"/> folds.</summary>
    public static void SetTo(MimeMessage message, string? name, string address)
    {
        var mailbox = new MailboxAddress(name ?? string.Empty, address);
        if (string.IsNullOrEmpty(name) || IsPlain(name) || !IsPlain(mailbox.LocalPart))
        {
            message.To.Add(mailbox);
            return;
        }

        // The domain in IDNA ASCII, as MimeKit writes it for a server without SMTPUTF8.
        var domain = new IdnMapping().GetAscii(mailbox.Domain);
        SetRaw(message, HeaderId.To, " " + string.Join("\r\n ", EncodedWords(name)) + $"\r\n <{mailbox.LocalPart}@{domain}>\r\n");
    }

    private static bool IsPlain(string text) => text.All(c => c is >= ' ' and <= '~');

    private static void SetRaw(MimeMessage message, HeaderId id, string raw)
    {
        var header = new Header(id, string.Empty);
        header.SetRawValue(Encoding.ASCII.GetBytes(raw));
        message.Headers.Replace(header);
    }

    private static List<string> EncodedWords(string text)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var octets = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
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

        return words;
    }

    private static string EncodedWord(string text) => "=?utf-8?b?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static FormatOptions CreateWire()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
