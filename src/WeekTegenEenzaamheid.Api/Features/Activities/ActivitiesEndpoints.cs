using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class ActivitiesEndpoints
{
    public const string Activities = "/api/activities";

    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Activities).WithTags("Activities");

        group.MapPost("/", RegisterActivity.Endpoint)
            .WithName("RegisterActivity")
            .WithSummary("Register an activity; the verification e-mail goes to the contact address.")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);

        group.MapPost("/{id:guid}/verify", VerifyActivity.Endpoint)
            .WithName("VerifyActivity")
            .WithSummary("Confirm an activity with the token from the verification e-mail; it is published.")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity,
                StatusCodes.Status429TooManyRequests);

        group.MapGet("/", SearchActivities.Endpoint)
            .WithName("SearchActivities")
            .WithSummary("Search the published activities of an edition, a page at a time.")
            .Produces<SearchActivities.Page>(StatusCodes.Status200OK, "application/json")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", GetActivity.Endpoint)
            .WithName("GetActivity")
            .WithSummary("One published activity, without contact details.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/calendar.ics", GetActivityCalendar.Endpoint)
            .WithName("GetActivityCalendar")
            .WithSummary("The activity as an iCalendar file.")
            .Produces<string>(StatusCodes.Status200OK, ActivityCalendar.ContentType)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/manage", GetManagedActivity.Endpoint)
            .WithName("GetManagedActivity")
            .WithSummary("The full activity with contact details and sign-up counts (owner).")
            .RequireManageToken()
            .ProducesProblems();

        group.MapPatch("/{id:guid}", ChangeActivity.Endpoint)
            .WithName("ChangeActivity")
            .WithSummary("Change an activity with a JSON merge patch; participants hear of a new time or place (owner).")
            .Accepts<ActivityInput>("application/merge-patch+json", "application/json")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/cancel", CancelActivity.Endpoint)
            .WithName("CancelActivity")
            .WithSummary("Cancel the activity; participants are told and an unshipped kit order is cancelled (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict);

        app.MapPost("/api/admin/activities/{id:guid}/reject", RejectActivity.Endpoint)
            .WithTags("Activities")
            .WithName("RejectActivity")
            .WithSummary("Take an activity off the calendar with a reason; its initiator and participants are told (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);

        app.MapManagePage();
        app.MapMyActivitiesPage();
        return app;
    }
}
