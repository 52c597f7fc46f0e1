using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

/// <summary>
/// The page behind the link in the attendance e-mail: opening it changes nothing (mail scanners open links),
/// the form posts the number.
/// </summary>
public static class AttendancePage
{
    public const string Path = "/beheer/activiteiten/{id:guid}/opkomst";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>GET: the form, with the number reported before if there is one.</summary>
    public static async Task<IResult> Show(Guid id, string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
        (await mediator.SendFromPageAsync(new ReportAttendance.Query(id, token), "Activity", ct))
            .Match(activity => Form(http, activity, token, problem: null), _ => NotValid(http));

    /// <summary>POST: stores the number and thanks; a number that is not one shows the form again with a 422.</summary>
    public static async Task<IResult> Report(
        Guid id, [FromForm] string? token, [FromForm] string? attended, IMediator mediator, HttpContext http, CancellationToken ct) =>
        await (await mediator.SendFromPageAsync(new ReportAttendance.Query(id, token), "Activity", ct)).Match(
            activity => ReportAsync(http, activity, token, attended, mediator, ct),
            _ => Task.FromResult(NotValid(http)));

    private static async Task<IResult> ReportAsync(
        HttpContext http, ActivityRow activity, string? token, string? attended, IMediator mediator, CancellationToken ct)
    {
        if (!int.TryParse(attended, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > ReportAttendance.MaxAttended)
        {
            return Form(http, activity, token, "Vul een geheel getal in, bijvoorbeeld 25.");
        }

        return (await mediator.SendFromPageAsync(new ReportAttendance.Command(activity.Id, token, number), "Activity", ct)).Match(
            reported => HtmlPage.Render(http, activity.Title,
                $"<h1>{HtmlPage.Encode(activity.Title)}</h1>\n"
                + $"<p><strong>Dank je wel!</strong> We hebben genoteerd dat er {reported.Attended.ToString(Dutch)} mensen kwamen.</p>\n"),
            error => Form(http, activity, token, error.Code == "activityNotStarted"
                ? "De activiteit is nog niet begonnen."
                : "Voor deze activiteit kan geen aantal worden doorgegeven."));
    }

    private static IResult Form(HttpContext http, ActivityRow activity, string? token, string? problem)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(HtmlPage.Encode(activity.Title)).Append("</h1>\n<dl>\n")
            .Fact("Wanneer", AmsterdamTime.Long(activity.StartsAt));
        if (activity.Attended is { } attended)
        {
            body.Fact("Eerder doorgegeven", attended.ToString(Dutch));
        }

        body.Append("</dl>\n");
        if (problem is not null)
        {
            body.Append("<p><strong>").Append(HtmlPage.Encode(problem)).Append("</strong></p>\n");
        }

        body.Append("<form method=\"post\" action=\"/beheer/activiteiten/").Append(activity.Id).Append("/opkomst\">")
            .Append("<input type=\"hidden\" name=\"token\" value=\"").Append(HtmlPage.Encode(token ?? string.Empty)).Append("\">")
            .Append("<p><label>Hoeveel mensen kwamen er? <input type=\"number\" name=\"attended\" min=\"0\" max=\"")
            .Append(ReportAttendance.MaxAttended).Append("\" required></label></p>")
            .Append("<button type=\"submit\">Doorgeven</button></form>\n");
        var status = problem is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
        return HtmlPage.Render(http, activity.Title, body.ToString(), status);
    }

    private static IResult NotValid(HttpContext http) =>
        HtmlPage.Render(http, "Link niet geldig", "<p>Deze link is niet (meer) geldig.</p>", StatusCodes.Status404NotFound);
}
