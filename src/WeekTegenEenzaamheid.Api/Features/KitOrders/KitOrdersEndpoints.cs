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
        app.MapGet(Items, ListKitItems.Endpoint)
            .WithTags("Kom-Erbij pakket")
            .WithName("ListKitItems")
            .WithSummary("The Kom-Erbij kit catalogue, with what is available per SKU.");

        var group = app.MapGroup(ActivitiesEndpoints.Activities + "/{id:guid}/kit-order").WithTags("Kom-Erbij pakket");

        group.MapPost("/", PlaceKitOrder.Endpoint)
            .WithName("PlaceKitOrder")
            .WithSummary("Order the Kom-Erbij kit for a published activity (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", GetKitOrder.Endpoint)
            .WithName("GetKitOrder")
            .WithSummary("The activity's kit order with its history and tracking (owner).")
            .RequireManageToken()
            .ProducesProblems();

        group.MapPost("/cancel", CancelKitOrder.Endpoint)
            .WithName("CancelKitOrder")
            .WithSummary("Cancel the kit order while it is received, allocated or backordered (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict);

        return app;
    }
}
