using System.Security.Claims;
using FluentValidation;
using Hangfire;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>Goods arrived: on hand goes up, the receipt is kept, and backorders are allocated first in, first out.</summary>
public static class BookStockReceipt
{
    public sealed record Body(int? Quantity, string? Note);

    /// <summary><paramref name="StaffId"/>: the staff member who books it (<see cref="StaffIdentity.Id"/>), kept by id.</summary>
    public sealed record Command(string Sku, int? Quantity, string? Note, Guid? StaffId) : ICommand<Result<StockRow>>;

    public static async Task<Results<Ok<StockRow>, ProblemHttpResult>> Endpoint(
        string sku, Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(sku, body.Quantity, body.Note, StaffIdentity.Id(user)), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Quantity).NotNull().InclusiveBetween(1, 1_000_000).OverridePropertyName("quantity");
            RuleFor(c => c.Note).MaximumLength(500).MultiLine().OverridePropertyName("note");
        }
    }

    private const string InsertReceipt = """
        INSERT INTO kit_stock_receipts (id, sku, quantity, note, booked_by, staff_id, received_at)
        VALUES (@Id, @Sku, @Quantity, @Note, @BookedBy, @StaffId, @Now)
        """;

    internal sealed class Handler(DbSession session, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, Result<StockRow>>
    {
        public async Task<Result<StockRow>> Handle(Command request, CancellationToken cancellationToken)
        {
            var sku = request.Sku.Trim().ToUpperInvariant();
            var now = clock.GetUtcNow();
            if (!await KitStock.ReceiveAsync(session, new KitStock.Line(sku, request.Quantity!.Value), now, cancellationToken))
            {
                return Error.NotFound("Catalogue item");
            }

            await session.ExecuteAsync(InsertReceipt, new
            {
                Id = Guid.CreateVersion7(),
                Sku = sku,
                request.Quantity,
                Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
                BookedBy = LogisticsEndpoints.ByStaffId,
                request.StaffId,
                Now = now,
            }, cancellationToken);
            session.AfterCommit(() => jobs.Enqueue<AllocateWaitingKitOrdersJob>(job => job.RunAsync(CancellationToken.None)));
            var items = await KitCatalogue.FindAsync(session, [sku], cancellationToken);
            return StockRow.From(items[sku]);
        }
    }
}
