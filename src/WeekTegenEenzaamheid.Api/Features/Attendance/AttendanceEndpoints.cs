using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

public static class AttendanceEndpoints
{
    public const string PagePath = "/beheer/activiteiten/{id:guid}/opkomst";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static IEndpointRouteBuilder MapAttendance(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{ActivitiesEndpoints.Activities}/{{id:guid}}/attendance", async Task<Results<Ok<ReportAttendance.Reported>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, ReportAttendance.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReportAttendance.Command(id, token, body.Attended), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Activities")
            .WithName("ReportAttendance")
            .WithSummary("After the activity, report how many people came; a later report replaces an earlier one (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        // The page behind the link in the attendance e-mail: opening it changes nothing, the form posts the number.
        app.MapGet(PagePath, async (Guid id, string? token, IMediator mediator, HttpContext http, CancellationToken ct) =>
                await mediator.Send(new ReportAttendance.Query(id, token), ct) is Result<ActivityRow>.Success { Value: var activity }
                    ? Form(http, activity, token, problem: null)
                    : NotValid(http))
            .ExcludeFromDescription();

        app.MapPost(PagePath, async (Guid id, [FromForm] string? token, [FromForm] string? attended, IMediator mediator, HttpContext http, CancellationToken ct) =>
            {
                if (await mediator.Send(new ReportAttendance.Query(id, token), ct) is not Result<ActivityRow>.Success { Value: var activity })
                {
                    return NotValid(http);
                }

                if (!int.TryParse(attended, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > ReportAttendance.MaxAttended)
                {
                    return Form(http, activity, token, "Vul een geheel getal in, bijvoorbeeld 25.");
                }

                return await mediator.Send(new ReportAttendance.Command(id, token, number), ct) switch
                {
                    Result<ReportAttendance.Reported>.Success { Value: var reported } => HtmlPage.Render(http, activity.Title,
                        $"<h1>{HtmlPage.Encode(activity.Title)}</h1>\n<p><strong>Dank je wel!</strong> We hebben genoteerd dat er {reported.Attended.ToString(Dutch)} mensen kwamen.</p>\n"),
                    Result<ReportAttendance.Reported>.Failure { Error: var error } => Form(http, activity, token,
                        error.Code == "activityNotStarted" ? "De activiteit is nog niet begonnen." : "Voor deze activiteit kan geen aantal worden doorgegeven."),
                    _ => NotValid(http),
                };
            })
            .DisableAntiforgery()
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
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
        return HtmlPage.Render(http, activity.Title, body.ToString(), problem is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult NotValid(HttpContext http) =>
        HtmlPage.Render(http, "Link niet geldig", "<p>Deze link is niet (meer) geldig.</p>", StatusCodes.Status404NotFound);
}
