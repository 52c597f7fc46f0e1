using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Operations;

public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapPost(RunJob.Path, RunJob.Endpoint)
            .WithTags("Operations")
            .WithName("RunJob")
            .WithSummary("Run a recurring job now, by name; answers before the job is done (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        app.MapGet(ListEmails.Path, ListEmails.Endpoint)
            .WithTags("Operations")
            .WithName("ListEmails")
            .WithSummary("E-mails in the outbox, newest first, optionally by status (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        app.MapPost(RetryEmail.Path, RetryEmail.Endpoint)
            .WithTags("Operations")
            .WithName("RetryEmail")
            .WithSummary("Put a failed e-mail back in the outbox queue, to be sent again with a fresh count of attempts (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict);

        return app;
    }
}
