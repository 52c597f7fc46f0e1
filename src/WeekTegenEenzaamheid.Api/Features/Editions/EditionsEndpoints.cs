using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

public static class EditionsEndpoints
{
    public const string Editions = "/api/editions";

    public static IEndpointRouteBuilder MapEditions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Editions).WithTags("Editions");

        group.MapGet("/", ListEditions.Endpoint)
            .WithName("ListEditions")
            .WithSummary("Every edition that has been set up.");

        group.MapGet("/{year:int}", GetEdition.Endpoint)
            .WithName("GetEdition")
            .WithSummary("One edition's schedule; a year not set up yet gets the default schedule.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPut("/{year:int}", SetEdition.Endpoint)
            .WithName("SetEdition")
            .WithSummary("Set up or move an edition: the Week, opening day, registration start and kit order deadline (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}
