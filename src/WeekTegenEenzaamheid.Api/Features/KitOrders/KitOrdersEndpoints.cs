using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

public static class KitOrdersEndpoints
{
    public const string Items = "/api/kit/items";

    public static string OrderPath(Guid activityId) => $"{ActivitiesEndpoints.Activities}/{activityId}/kit-order";

    public static IEndpointRouteBuilder MapKitOrders(this IEndpointRouteBuilder app)
    {
        app.MapGet(Items, async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new ListKitItems.Query(), ct)))
            .WithTags("Kom-Erbij pakket")
            .WithName("ListKitItems")
            .WithSummary("The Kom-Erbij kit catalogue, with what is available per SKU.");

        var group = app.MapGroup(ActivitiesEndpoints.Activities + "/{id:guid}/kit-order").WithTags("Kom-Erbij pakket");

        group.MapPost("/", async Task<Results<Created<PlaceKitOrder.Placed>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, PlaceKitOrder.Command command, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(command with { ActivityId = id, ManageToken = token }, ct)).ToHttp(placed => TypedResults.Created(OrderPath(id), placed)))
            .WithName("PlaceKitOrder")
            .WithSummary("Order the Kom-Erbij kit for a published activity (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async Task<Results<Ok<KitOrderView>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetKitOrder.Query(id, token), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetKitOrder")
            .WithSummary("The activity's kit order with its history and tracking (owner).")
            .RequireManageToken()
            .ProducesProblems();

        group.MapPost("/cancel", async Task<Results<Ok<KitOrderView>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CancelKitOrder.Command(id, token), ct)).ToHttp(TypedResults.Ok))
            .WithName("CancelKitOrder")
            .WithSummary("Cancel the kit order while it is received, allocated or backordered (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict);

        return app;
    }
}
