using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

public static class GetStock
{
    public sealed record Query : IQuery<IReadOnlyList<StockRow>>;

    public static async Task<Ok<IReadOnlyList<StockRow>>> Endpoint(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Query(), ct));

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, IReadOnlyList<StockRow>>
    {
        public async Task<IReadOnlyList<StockRow>> Handle(Query request, CancellationToken cancellationToken) =>
            (await KitCatalogue.AllAsync(session, cancellationToken)).Select(StockRow.From).ToArray();
    }
}

/// <summary>
/// Stock of one SKU. <c>available</c> is on hand minus reserved; <c>backordered</c> is what waiting
/// orders still need, so the warehouse sees how much to restock.
/// </summary>
public sealed record StockRow(string Sku, string Name, int OnHand, int Reserved, int Available, int Backordered, bool Active)
{
    public static StockRow From(KitItemRow item) =>
        new(item.Sku, item.Name, item.OnHand, item.Reserved, item.OnHand - item.Reserved, item.Backordered, item.Active);
}
