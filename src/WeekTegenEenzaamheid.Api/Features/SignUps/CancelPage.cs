using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The page behind the cancel link in every participant e-mail. Opening it changes nothing (mail scanners
/// open links); the button posts the token back to cancel.
/// </summary>
public static class CancelPage
{
    public const string Path = "/aanmeldingen/{id:guid}/annuleren";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>GET: the sign-up and, while it can still be cancelled, the button; changes nothing.</summary>
    public static async Task<IResult> Show(Guid id, string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
        Render(http, await mediator.SendFromPageAsync(new GetSignUp.Query(id, token), "Sign-up", ct), token, justCancelled: false);

    /// <summary>POST (the button): cancels and shows the sign-up as it is now.</summary>
    public static async Task<IResult> Cancel(
        Guid id, [FromForm] string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
        Render(http, await mediator.SendFromPageAsync(new CancelSignUp.Command(id, token), "Sign-up", ct), token, justCancelled: true);

    private static IResult Render(HttpContext http, Result<SignUpDetails> result, string? token, bool justCancelled)
    {
        if (result is Result<SignUpDetails>.Failure { Error.Status: StatusCodes.Status409Conflict })
        {
            return HtmlPage.Render(http, "Annuleren kan niet meer",
                "<p>De activiteit is al begonnen; je aanmelding kan niet meer worden geannuleerd.</p>", StatusCodes.Status409Conflict);
        }

        if (result is not Result<SignUpDetails>.Success { Value: var details })
        {
            return HtmlPage.Render(http, "Link niet geldig",
                "<p>Deze link is niet (meer) geldig. Na afloop van de Week worden aanmeldingen na enige tijd verwijderd; "
                + "daarna werkt de link niet meer.</p>", StatusCodes.Status404NotFound);
        }

        var (signUp, activity) = (details.SignUp, details.Activity);
        var body = new StringBuilder();
        body.Append("<h1>").Append(HtmlPage.Encode(activity.Title)).Append("</h1>\n<dl>\n");
        body.Fact("Wanneer", AmsterdamTime.Span(activity.StartsAt, activity.EndsAt));
        body.Fact("Waar", activity.Location.Describe(activity.Type));
        body.Fact("Naam", signUp.Name ?? string.Empty);
        body.Fact("Aantal personen", signUp.PartySize.ToString(Dutch));
        body.Fact("Status", signUp.Status switch
        {
            SignUpStatus.Confirmed => "Aangemeld",
            SignUpStatus.Waitlisted => $"Op de wachtlijst (plaats {signUp.Position})",
            _ => "Geannuleerd",
        });
        body.Append("</dl>\n");
        if (activity.Status is ActivityStatus.Cancelled or ActivityStatus.Rejected)
        {
            body.Append("<p>Deze activiteit gaat niet door.</p>\n");
        }
        else if (signUp.Status == SignUpStatus.Cancelled)
        {
            body.Append(justCancelled
                ? "<p><strong>Je aanmelding is geannuleerd.</strong> Dank je wel voor het doorgeven: "
                    + "zo krijgt iemand anders je plek.</p>\n"
                : "<p>Deze aanmelding is geannuleerd.</p>\n");
        }
        else
        {
            body.Append("<p>Kun je niet komen? Annuleer dan je aanmelding, zodat iemand anders je plek krijgt.</p>\n")
                .Append("<form method=\"post\" action=\"/aanmeldingen/").Append(signUp.Id).Append("/annuleren\">")
                .Append("<input type=\"hidden\" name=\"token\" value=\"")
                .Append(HtmlPage.Encode(token ?? string.Empty)).Append("\">")
                .Append("<button type=\"submit\">Annuleer mijn aanmelding</button></form>\n");
        }

        return HtmlPage.Render(http, activity.Title, body.ToString());
    }
}
