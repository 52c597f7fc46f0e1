using MediatR;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>One catalogue item as staff edit it, active or not, with its stock; the SKU is matched in upper case.</summary>
public static class GetKitItem
{
    public sealed record Query(string Sku) : IQuery<Result<SetKitItem.KitItemView>>;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<SetKitItem.KitItemView>>
    {
        public async Task<Result<SetKitItem.KitItemView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var sku = request.Sku.Trim().ToUpperInvariant();
            return (await KitCatalogue.FindAsync(session, [sku], cancellationToken)).TryGetValue(sku, out var item)
                ? SetKitItem.KitItemView.From(item)
                : Error.NotFound("Catalogue item");
        }
    }
}
