using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Attendance;

/// <summary>The attendance routes: the owner's API call and the page behind the attendance e-mail.</summary>
public static class AttendanceEndpoints
{
    public static IEndpointRouteBuilder MapAttendance(this IEndpointRouteBuilder app)
    {
        app.MapPost($"{ActivitiesEndpoints.Activities}/{{id:guid}}/attendance", ReportAttendance.Endpoint)
            .WithTags("Activities")
            .WithName("ReportAttendance")
            .WithSummary("After the activity, report how many people came; a later report replaces an earlier one (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        app.MapGet(AttendancePage.Path, AttendancePage.Show)
            .ExcludeFromDescription();

        app.MapPost(AttendancePage.Path, AttendancePage.Report)
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }
}
