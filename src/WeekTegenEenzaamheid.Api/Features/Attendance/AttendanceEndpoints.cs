using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

public static class AttendanceEndpoints
{
    public const string PagePath = "/beheer/activiteiten/{id:guid}/opkomst";

    public static IEndpointRouteBuilder MapAttendance(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{ActivitiesEndpoints.Activities}/{{id:guid}}/attendance", async Task<Results<Ok<ReportAttendance.Reported>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, ReportAttendance.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ReportAttendance.Command(id, token, body.Attended), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Activities")
            .WithName("ReportAttendance")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        // The page behind the link in the attendance e-mail: opening it changes nothing, the form posts the number.
        app.MapGet(PagePath, async (Guid id, string? token, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new ReportAttendance.Query(id, token), ct) is Result<ActivityRow>.Success { Value: var activity }
                    ? Form(activity, token, FormState.Empty)
                    : NotValid())
            .ExcludeFromDescription();

        app.MapPost(PagePath, async (Guid id, IFormCollection posted, IMediator mediator, CancellationToken ct) =>
            {
                var form = FormState.From(posted);
                var token = form.Value("token");
                if (await mediator.Send(new ReportAttendance.Query(id, token), ct) is not Result<ActivityRow>.Success { Value: var activity })
                {
                    return NotValid();
                }

                if (!int.TryParse(form.Value("attended")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    || number > ReportAttendance.MaxAttended)
                {
                    return Form(activity, token, form.AddError("attended", "Vul een geheel getal in, bijvoorbeeld 25."));
                }

                return (await mediator.Send(new ReportAttendance.Command(id, token, number), ct)).Match(
                    reported => PagesExtensions.Page<MessagePage>(new
                    {
                        Title = "Dank je wel!",
                        Message = $"We hebben genoteerd dat er {reported.Attended.ToString(CultureInfo.InvariantCulture)} mensen kwamen "
                            + $"bij {activity.Title}.",
                    }),
                    error => Form(activity, token, form.AddError("attended", error.Code == "activityNotStarted"
                        ? "De activiteit is nog niet begonnen."
                        : "Voor deze activiteit kan geen aantal worden doorgegeven.")));
            })
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Form(ActivityRow activity, string? token, FormState form) => PagesExtensions.Page<AttendancePage>(
        new { Activity = activity, Token = token, Form = form },
        form.HasErrors ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);

    private static IResult NotValid() => PagesExtensions.Page<MessagePage>(
        new { Title = "Link niet geldig", Message = "Deze link is niet (meer) geldig." }, StatusCodes.Status404NotFound);
}
