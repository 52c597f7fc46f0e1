using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>
/// The sign-up routes: the API under <c>/api/activities/{id}/registrations</c> and <see cref="Registrations"/>,
/// and the cancel page.
/// </summary>
public static class SignUpsEndpoints
{
    public const string Registrations = "/api/registrations";

    public static IEndpointRouteBuilder MapSignUps(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup(ActivitiesEndpoints.Activities).WithTags("Sign-ups");

        activities.MapPost("/{id:guid}/registrations", SignUpForActivity.Endpoint)
            .WithName("SignUpForActivity")
            .WithSummary("Sign up for an activity; confirmed while the party fits, else on the waitlist.")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(
                StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity,
                StatusCodes.Status429TooManyRequests);

        activities.MapGet("/{id:guid}/registrations", ListSignUps.Endpoint)
            .WithName("ListSignUps")
            .WithSummary("The activity's sign-ups, as JSON or (Accept: text/csv) a CSV file for Excel (owner).")
            .ProducesCsvToo()
            .RequireManageToken()
            .ProducesProblems();

        var registrations = app.MapGroup(Registrations).WithTags("Sign-ups");

        registrations.MapGet("/{id:guid}", GetSignUp.Endpoint)
            .WithName("GetSignUp")
            .WithSummary("A sign-up and its status (participant).")
            .RequireCancelToken()
            .ProducesProblems();

        registrations.MapPost("/{id:guid}/cancel", CancelSignUp.Endpoint)
            .WithName("CancelSignUp")
            .WithSummary("Cancel a sign-up; freed seats go to the waitlist (participant).")
            .RequireCancelToken()
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        app.MapGet(CancelPage.Path, CancelPage.Show)
            .ExcludeFromDescription();

        app.MapPost(CancelPage.Path, CancelPage.Cancel)
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();

        app.MapGet(CancelPage.ErasePath, CancelPage.AskErase)
            .ExcludeFromDescription();

        app.MapPost(CancelPage.ErasePath, CancelPage.Erase)
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }
}
