using System.Globalization;
using System.Net;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The page behind the link in the verification e-mail. Opening it changes nothing (mail scanners
/// open links); the button posts the token back to confirm.
/// </summary>
public static class ManagePage
{
    public const string Path = "/beheer/activiteiten/{id:guid}";
    public const string ConfirmPath = "/beheer/activiteiten/{id:guid}/bevestigen";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static IEndpointRouteBuilder MapManagePage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Guid id, string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var result = await mediator.Send(new GetManagedActivity.Query(id, token), ct);
                return Render(http, result, token, justConfirmed: false);
            })
            .ExcludeFromDescription();

        app.MapPost(ConfirmPath, async (Guid id, [FromForm] string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var result = await mediator.Send(new VerifyActivity.Command(id, token), ct);
                return Render(http, result, token, justConfirmed: true);
            })
            .DisableAntiforgery()
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Render(HttpContext http, Result<ManagedActivity> result, string? token, bool justConfirmed)
    {
        // The token is in the address: keep it out of Referer headers and search engines.
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (result is not Result<ManagedActivity>.Success { Value: var activity })
        {
            var status = result is Result<ManagedActivity>.Failure { Error.Status: var code } ? code : 404;
            return Results.Content(Page("Link niet geldig", "<p>Deze link is niet (meer) geldig. Is je activiteit langer dan 72 uur geleden aangemeld en nooit bevestigd, dan is ze vervallen; meld haar dan opnieuw aan.</p>"), "text/html; charset=utf-8", Encoding.UTF8, status);
        }

        var body = new StringBuilder();
        body.Append("<h1>").Append(E(activity.Title)).Append("</h1>\n<dl>\n");
        Fact(body, "Wanneer", $"{activity.StartsAt.ToString("dddd d MMMM yyyy, HH:mm", Dutch)} – {activity.EndsAt.ToString("HH:mm", Dutch)}");
        Fact(body, "Waar", activity.Location.OnlineUrl is not null && activity.Type == "online"
            ? $"Online: {activity.Location.OnlineUrl}"
            : $"{activity.Location.VenueName}, {activity.Location.Street} {activity.Location.HouseNumber}, {activity.Location.Postcode} {activity.Location.City}");
        Fact(body, "Gemeente", activity.MunicipalityName);
        Fact(body, "Contactpersoon", $"{activity.Organiser.ContactName} ({activity.Organiser.ContactEmail})");
        Fact(body, "Status", StatusText(activity.Status));
        body.Append("</dl>\n");
        switch (activity.Status)
        {
            case ActivityStatus.PendingVerification:
                body.Append("<p>Klopt alles? Bevestig dan je aanmelding; daarna verschijnt je activiteit in de kalender.</p>\n")
                    .Append("<form method=\"post\" action=\"/beheer/activiteiten/").Append(activity.Id).Append("/bevestigen\">")
                    .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(E(token ?? string.Empty)).Append("\">")
                    .Append("<button type=\"submit\">Bevestig mijn activiteit</button></form>\n");
                break;
            case ActivityStatus.Published:
                body.Append(justConfirmed ? "<p><strong>Dank je wel, je activiteit is bevestigd</strong> en staat nu in de activiteitenkalender.</p>\n" : "<p>Je activiteit staat in de activiteitenkalender.</p>\n")
                    .Append("<p>Bewaar de link uit je e-mail: daarmee beheer je de activiteit.</p>\n");
                break;
        }

        return Results.Content(Page(activity.Title, body.ToString()), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string StatusText(string status) => status switch
    {
        ActivityStatus.PendingVerification => "Wacht op je bevestiging",
        ActivityStatus.Published => "Gepubliceerd",
        ActivityStatus.Cancelled => "Geannuleerd",
        ActivityStatus.Rejected => "Niet geplaatst",
        _ => status,
    };

    private static void Fact(StringBuilder body, string label, string value) =>
        body.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="nl">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
        <title>{E(title)} – Week tegen Eenzaamheid</title>
        <style>body{"{"}font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5{"}"} dt{"{"}font-weight:bold{"}"} button{"{"}font-size:1.1rem;padding:.6rem 1.2rem{"}"}</style>
        </head>
        <body>
        <p>Week tegen Eenzaamheid</p>
        {body}
        </body>
        </html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
