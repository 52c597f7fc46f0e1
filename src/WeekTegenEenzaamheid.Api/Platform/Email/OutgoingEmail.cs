using System.Net;
using System.Text;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>A file sent with an e-mail (a calendar invitation); <paramref name="Content"/> is the raw bytes.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// An e-mail as the outbox stores it. <see cref="IdempotencyKey"/> names the event that causes it
/// ("activity-verification:{id}"), so the same event never queues a second e-mail.
/// </summary>
public sealed record OutgoingEmail(
    string IdempotencyKey,
    string ToAddress,
    string? ToName,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<EmailAttachment> Attachments);

/// <summary>Builds the Dutch plain-text and HTML bodies together, escaping everything a user typed.</summary>
public sealed class EmailComposer(string subject)
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new();
    private readonly List<EmailAttachment> attachments = [];

    public EmailComposer Paragraph(string content)
    {
        text.Append(content).Append("\n\n");
        html.Append("<p>").Append(Encode(content).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
        return this;
    }

    public EmailComposer Facts(IEnumerable<(string Label, string? Value)> facts)
    {
        html.Append("<table>\n");
        foreach (var (label, value) in facts.Where(fact => !string.IsNullOrWhiteSpace(fact.Value)))
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
            html.Append("<tr><th align=\"left\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value!)).Append("</td></tr>\n");
        }

        text.Append('\n');
        html.Append("</table>\n");
        return this;
    }

    public EmailComposer Link(string label, string url)
    {
        text.Append(label).Append(":\n").Append(url).Append("\n\n");
        html.Append("<p><a href=\"").Append(Encode(url)).Append("\">").Append(Encode(label)).Append("</a></p>\n");
        return this;
    }

    public EmailComposer Attach(EmailAttachment attachment)
    {
        attachments.Add(attachment);
        return this;
    }

    public OutgoingEmail To(string idempotencyKey, string address, string? name)
    {
        const string signature = "Met vriendelijke groet,\nHet team van de Week tegen Eenzaamheid";
        Paragraph(signature);
        var document = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            + $"<title>{Encode(subject)}</title></head>\n<body>\n{html}</body></html>\n";
        return new OutgoingEmail(idempotencyKey, address, name, subject, text.ToString().TrimEnd() + "\n", document, attachments.ToArray());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
