using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

public static class ListKitItems
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string Sku, string Name, string Description, int MaxPerOrder, int Available);

    public static async Task<Ok<IReadOnlyList<Item>>> Endpoint(IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Query(), ct));

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var items = await KitCatalogue.AllAsync(session, cancellationToken);
            // Stock that backorders wait for is theirs (first in, first out): a new order would not get it.
            return items
                .Where(item => item.Active)
                .Select(item => new Item(
                    item.Sku, item.Name, item.Description, item.MaxPerOrder, Math.Max(0, item.OnHand - item.Reserved - item.Backordered)))
                .ToArray();
        }
    }
}
