using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

public static class EditionsEndpoints
{
    public const string Editions = "/api/editions";

    public static IEndpointRouteBuilder MapEditions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Editions).WithTags("Editions");

        group.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListEditions.Query(), ct)))
            .WithName("ListEditions")
            .WithSummary("Every edition that has been set up.");

        group.MapGet("/{year:int}", async Task<Results<Ok<EditionResponse>, ProblemHttpResult>> (int year, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetEdition.Query(year), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetEdition")
            .WithSummary("One edition's schedule; a year not set up yet gets the default schedule.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapPut("/{year:int}", async (int year, SetEdition.Body body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new SetEdition.Command(year, body), ct)))
            .WithName("SetEdition")
            .WithSummary("Set up or move an edition: the Week, opening day, registration start and kit order deadline (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}
