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

    public static IEndpointRouteBuilder MapManagePage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Guid id, string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var result = await OwnedAsync(mediator.Send(new GetManagedActivity.Query(id, token), ct));
                return Render(http, result, token, justConfirmed: false);
            })
            .ExcludeFromDescription();

        app.MapPost(ConfirmPath, async (Guid id, [FromForm] string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                var result = await OwnedAsync(mediator.Send(new VerifyActivity.Command(id, token), ct));
                return Render(http, result, token, justConfirmed: true);
            })
            .DisableAntiforgery()
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }

    // The page answers a stranger's token with its own 404 page, not the API's problem.
    private static async Task<Result<ManagedActivity>> OwnedAsync(Task<Result<ManagedActivity>> sending)
    {
        try
        {
            return await sending;
        }
        catch (NotOwnerException)
        {
            return Error.NotFound("Activity");
        }
    }

    private static IResult Render(HttpContext http, Result<ManagedActivity> result, string? token, bool justConfirmed)
    {
        if (result is not Result<ManagedActivity>.Success { Value: var activity })
        {
            var status = result is Result<ManagedActivity>.Failure { Error.Status: var code } ? code : 404;
            return HtmlPage.Render(http, "Link niet geldig",
                "<p>Deze link is niet (meer) geldig. Is je activiteit langer dan 72 uur geleden aangemeld en nooit bevestigd, dan is ze " +
                "vervallen; meld haar dan opnieuw aan.</p>", status);
        }

        var body = new StringBuilder();
        body.Append("<h1>").Append(HtmlPage.Encode(activity.Title)).Append("</h1>\n<dl>\n");
        body.Fact("Wanneer", AmsterdamTime.Span(activity.StartsAt, activity.EndsAt));
        body.Fact("Waar", activity.Location.Describe(activity.Type));
        body.Fact("Gemeente", activity.MunicipalityName);
        body.Fact("Contactpersoon", $"{activity.Organiser.ContactName} ({activity.Organiser.ContactEmail})");
        body.Fact("Status", StatusText(activity.Status));
        body.Append("</dl>\n");
        switch (activity.Status)
        {
            case ActivityStatus.PendingVerification:
                body.Append("<p>Klopt alles? Bevestig dan je aanmelding; daarna verschijnt je activiteit in de kalender.</p>\n")
                    .Append("<form method=\"post\" action=\"/beheer/activiteiten/").Append(activity.Id).Append("/bevestigen\">")
                    .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(HtmlPage.Encode(token ?? string.Empty)).Append("\">")
                    .Append("<button type=\"submit\">Bevestig mijn activiteit</button></form>\n");
                break;
            case ActivityStatus.Published:
                body.Append(justConfirmed
                    ? "<p><strong>Dank je wel, je activiteit is bevestigd</strong> en staat nu in de activiteitenkalender.</p>\n"
                    : "<p>Je activiteit staat in de activiteitenkalender.</p>\n")
                    .Append("<p>Bewaar de link uit je e-mail: daarmee beheer je de activiteit.</p>\n");
                break;
        }

        return HtmlPage.Render(http, activity.Title, body.ToString());
    }

    private static string StatusText(string status) => status switch
    {
        ActivityStatus.PendingVerification => "Wacht op je bevestiging",
        ActivityStatus.Published => "Gepubliceerd",
        ActivityStatus.Cancelled => "Geannuleerd",
        ActivityStatus.Rejected => "Niet geplaatst",
        _ => status,
    };
}
