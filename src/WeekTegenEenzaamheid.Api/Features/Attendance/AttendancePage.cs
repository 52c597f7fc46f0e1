using System.Globalization;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

/// <summary>
/// The page behind the link in the attendance e-mail: opening it changes nothing (mail scanners open links),
/// the form posts the number (with the antiforgery token).
/// </summary>
public static class AttendancePage
{
    public const string Path = "/beheer/activiteiten/{id:guid}/opkomst";

    /// <summary>GET: the form, with the number reported before if there is one.</summary>
    public static async Task<IResult> Show(Guid id, string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.SendFromPageAsync(new ReportAttendance.Query(id, token), "Activity", ct))
            .Match(activity => Form(activity, token, FormState.Empty), _ => NotValid());

    /// <summary>POST: stores the number and thanks; a number that is not one shows the form again with a 422.</summary>
    public static async Task<IResult> Report(Guid id, IFormCollection posted, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        var token = form.Value("token");
        if (await mediator.SendFromPageAsync(new ReportAttendance.Query(id, token), "Activity", ct)
            is not Result<ActivityRow>.Success { Value: var activity })
        {
            return NotValid();
        }

        if (!int.TryParse(form.Value("attended")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number > ReportAttendance.MaxAttended)
        {
            return Form(activity, token, form.AddError("attended", "Vul een geheel getal in, bijvoorbeeld 25."));
        }

        return (await mediator.SendFromPageAsync(new ReportAttendance.Command(id, token, number), "Activity", ct)).Match(
            reported => PagesExtensions.Page<MessagePage>(new
            {
                Title = "Dank je wel!",
                Message = $"We hebben genoteerd dat er {reported.Attended.ToString(CultureInfo.InvariantCulture)} mensen kwamen "
                    + $"bij {activity.Title}.",
            }),
            error => Form(activity, token, form.AddError("attended", error.Code == "activityNotStarted"
                ? "De activiteit is nog niet begonnen."
                : "Voor deze activiteit kan geen aantal worden doorgegeven.")));
    }

    private static IResult Form(ActivityRow activity, string? token, FormState form) => PagesExtensions.Page<AttendanceFormPage>(
        new { Activity = activity, Token = token, Form = form },
        form.HasErrors ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);

    private static IResult NotValid() => PagesExtensions.Page<MessagePage>(
        new { Title = "Link niet geldig", Message = "Deze link is niet (meer) geldig." }, StatusCodes.Status404NotFound);
}
