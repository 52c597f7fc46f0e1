using System.Net;
using System.Text;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>The small Dutch pages behind the links in e-mails: one look, no scripts, kept out of search engines.</summary>
public static class HtmlPage
{
    public static IResult Render(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        // Tokens travel in these pages' addresses: keep them out of Referer headers and search engines.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        var page = $"""
            <!DOCTYPE html>
            <html lang="nl">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
            <title>{Encode(title)} – Week tegen Eenzaamheid</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5{"}"} dt{"{"}font-weight:bold{"}"} button{"{"}font-size:1.1rem;padding:.6rem 1.2rem{"}"}</style>
            </head>
            <body>
            <p>Week tegen Eenzaamheid</p>
            {body}
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static StringBuilder Fact(this StringBuilder body, string label, string value) =>
        body.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
}
