using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

public static class LogisticsEndpoints
{
    public const string Logistics = "/api/logistics";
    public const string CarrierEvents = "/api/carrier-events";

    public static string PickListPath(Guid batchId) => $"{Logistics}/pick-batches/{batchId}/pick-list.csv";

    public static IEndpointRouteBuilder MapLogistics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Logistics).WithTags("Logistics").RequireAuthorization(StaffPolicies.Logistics);
        int[] staff = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];

        group.MapGet("/orders", async ([AsParameters] ListKitOrders.Query query, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName("ListKitOrders")
            .WithSummary("Kit orders with full delivery addresses, oldest first, a page at a time (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status422UnprocessableEntity]);

        group.MapGet("/orders/{reference}", async Task<Results<Ok<LogisticsOrderView>, ProblemHttpResult>> (string reference, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetStaffKitOrder.Query(reference), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetStaffKitOrder")
            .WithSummary("One kit order by its reference, with history and notes (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound]);

        group.MapPost("/orders/{reference}/shipment", async Task<Results<Ok<RecordShipment.Shipped>, ProblemHttpResult>> (string reference, RecordShipment.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RecordShipment.Command(reference, body.Carrier, body.TrackingNumber), ct)).ToHttp(TypedResults.Ok))
            .WithName("RecordShipment")
            .WithSummary("Record that a picked order left with the carrier (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);

        group.MapPost("/orders/{reference}/cancel", async Task<Results<Ok<LogisticsOrderView>, ProblemHttpResult>> (string reference, CancelKitOrderByStaff.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CancelKitOrderByStaff.Command(reference, body.Reason), ct)).ToHttp(TypedResults.Ok))
            .WithName("CancelKitOrderByStaff")
            .WithSummary("Cancel an order that has not shipped, with a reason for the initiator (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);

        // The CSV is the body itself; routing answers 415 to any other content type (the Accepts metadata).
        group.MapPost("/shipments/import", async Task<Results<Ok<ImportShipments.Report>, ProblemHttpResult>> (HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                using var content = new MemoryStream();
                await request.Body.CopyToAsync(content, ct);
                var command = new ImportShipments.Command(content.ToArray(), request.ContentType);
                return (await mediator.Send(command, ct)).ToHttp(TypedResults.Ok);
            })
            .WithName("ImportShipments")
            .WithSummary("Ship many orders from the carrier's CSV file; every row gets its own outcome (logistics).")
            .WithDescription(ImportShipments.Description)
            .Accepts<string>(ImportShipments.ContentType)
            .ProducesProblems([.. staff, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity]);

        group.MapPost("/pick-batches", async Task<Results<Created<CreatePickBatch.Created>, ProblemHttpResult>> (CreatePickBatch.Body? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CreatePickBatch.Command(body?.Max, StaffName(user)), ct)).ToHttp(batch => TypedResults.Created(PickListPath(batch.Id), batch)))
            .WithName("CreatePickBatch")
            .WithSummary("Put the allocated orders, oldest first, into a pick batch (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);

        group.MapGet("/pick-batches/{id:guid}/pick-list.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetPickList.Query(id), ct)).ToHttp(list => TypedResults.File(list.Content, ExcelCsv.ContentType + "; charset=utf-8", list.FileName)))
            .WithName("GetPickList")
            .WithSummary("The pick list of a batch as CSV for Dutch Excel (logistics).")
            .Produces<string>(StatusCodes.Status200OK, ExcelCsv.ContentType)
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound]);

        group.MapGet("/stock", async (IMediator mediator, CancellationToken ct) => TypedResults.Ok(await mediator.Send(new GetStock.Query(), ct)))
            .WithName("GetStock")
            .WithSummary("Stock per SKU: on hand, reserved, available and backordered (logistics).")
            .ProducesProblems(staff);

        group.MapPost("/stock/{sku}/receipts", async Task<Results<Ok<StockRow>, ProblemHttpResult>> (string sku, BookStockReceipt.Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new BookStockReceipt.Command(sku, body.Quantity, body.Note, StaffName(user)), ct)).ToHttp(TypedResults.Ok))
            .WithName("BookStockReceipt")
            .WithSummary("Book stock that arrived; waiting orders are allocated first in, first out (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity]);

        group.MapPut("/items/{sku}", async Task<Results<Created<SetKitItem.KitItemView>, Ok<SetKitItem.KitItemView>>> (string sku, SetKitItem.Body body, IMediator mediator, CancellationToken ct) =>
            {
                var saved = await mediator.Send(new SetKitItem.Command(sku, body), ct);
                return saved.Created
                    ? TypedResults.Created($"{Logistics}/items/{saved.Item.Sku}", saved.Item)
                    : TypedResults.Ok(saved.Item);
            })
            .WithName("SetKitItem")
            .WithSummary("Create or change a catalogue item (logistics).")
            .ProducesProblems([.. staff, StatusCodes.Status422UnprocessableEntity]);

        app.MapPost(CarrierEvents, async Task<Results<Ok<ReceiveCarrierEvent.Received>, ProblemHttpResult>> (HttpRequest request, IOptions<CarrierOptions> carrier, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct) =>
            {
                var read = await ReceiveCarrierEvent.ReadAsync(request, carrier.Value.WebhookSecret, json.Value.SerializerOptions, ct);
                return read switch
                {
                    Result<ReceiveCarrierEvent.Command>.Success { Value: var command } => (await mediator.Send(command, ct)).ToHttp(TypedResults.Ok),
                    Result<ReceiveCarrierEvent.Command>.Failure { Error: var error } => Problems.From(error),
                    _ => throw new InvalidOperationException("A result is a success or a failure."),
                };
            })
            .WithTags("Carrier")
            .WithName("ReceiveCarrierEvent")
            .WithSummary("A carrier reports a delivery or a failed one, signed with X-Signature: sha256=<HMAC of the body>.")
            .Accepts<ReceiveCarrierEvent.Command>("application/json")
            .WithMetadata(new ReadsRawJsonAttribute())
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable);

        return app;
    }

    private static string StaffName(ClaimsPrincipal user) => user.Identity?.Name ?? "staff";
}
