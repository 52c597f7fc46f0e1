using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

public static class LogisticsEndpoints
{
    public const string Logistics = "/api/logistics";
    public const string CarrierEvents = "/api/carrier-events";

    /// <summary>
    /// What the NOT NULL name columns <c>pick_batches.created_by</c> and <c>kit_stock_receipts.booked_by</c> hold since 0014
    /// beside a <c>staff_id</c>: the member is kept by id and their name joined from <c>staff_keys</c>, never stored as text.
    /// </summary>
    public const string ByStaffId = "staff";

    public static string PickListPath(Guid batchId) => $"{Logistics}/pick-batches/{batchId}/pick-list.csv";

    public static IEndpointRouteBuilder MapLogistics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Logistics).WithTags("Logistics").RequireAuthorization(StaffPolicies.Logistics);
        int[] staff = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];

        group.MapGet("/orders", ListKitOrders.Endpoint)
            .WithName("ListKitOrders")
            .WithSummary("Kit orders with full delivery addresses, oldest first, a page at a time (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status422UnprocessableEntity]);

        group.MapGet("/orders/{reference}", GetStaffKitOrder.Endpoint)
            .WithName("GetStaffKitOrder")
            .WithSummary("One kit order by its reference, with history and notes (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound]);

        group.MapPost("/orders/{reference}/shipment", RecordShipment.Endpoint)
            .WithName("RecordShipment")
            .WithSummary("Record that a picked order left with the carrier (logistics).")
            .ProducesProblems(
                [.. staff, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);

        group.MapPost("/orders/{reference}/cancel", CancelKitOrderByStaff.Endpoint)
            .WithName("CancelKitOrderByStaff")
            .WithSummary("Cancel an order that has not shipped, with a reason for the initiator (logistics).")
            .ProducesProblems(
                [.. staff, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);

        group.MapPost("/shipments/import", ImportShipments.Endpoint)
            .WithName("ImportShipments")
            .WithSummary("Ship many orders from the carrier's CSV file; every row gets its own outcome (logistics).")
            .WithDescription(ImportShipments.Description)
            .Accepts<string>(ImportShipments.ContentType)
            .AcceptsFileBody()
            .ProducesProblems([.. staff, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity]);

        group.MapPost("/pick-batches", CreatePickBatch.Endpoint)
            .WithName("CreatePickBatch")
            .WithSummary("Put the allocated orders, oldest first, into a pick batch (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);

        group.MapGet("/pick-batches/{id:guid}/pick-list.csv", GetPickList.Endpoint)
            .WithName("GetPickList")
            .WithSummary("The pick list of a batch as CSV for Dutch Excel (logistics).")
            .Produces<string>(StatusCodes.Status200OK, ExcelCsv.ContentType)
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound]);

        group.MapGet("/stock", GetStock.Endpoint)
            .WithName("GetStock")
            .WithSummary("Stock per SKU: on hand, reserved, available and backordered (logistics).")
            .ProducesProblems(staff);

        group.MapPost("/stock/{sku}/receipts", BookStockReceipt.Endpoint)
            .WithName("BookStockReceipt")
            .WithSummary("Book stock that arrived; waiting orders are allocated first in, first out (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity]);

        group.MapPut("/items/{sku}", SetKitItem.Endpoint)
            .WithName("SetKitItem")
            .WithSummary("Create or change a catalogue item (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status422UnprocessableEntity]);

        app.MapPost(CarrierEvents, ReceiveCarrierEvent.Endpoint)
            .WithTags("Carrier")
            .WithName("ReceiveCarrierEvent")
            .WithSummary("A carrier reports a delivery or a failed one, signed with X-Signature: sha256=<HMAC of the body>.")
            .Accepts<ReceiveCarrierEvent.Command>("application/json")
            .WithMetadata(new ReadsRawJsonAttribute())
            .ProducesProblems(
                StatusCodes.Status401Unauthorized, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);

        return app;
    }
}
