using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The owner's order: the open one, or else the last cancelled one, with its history and tracking.</summary>
public static class GetKitOrder
{
    public sealed record Query(Guid ActivityId, string? ManageToken) : IQuery<Result<KitOrderView>>;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<KitOrderView>>
    {
        public async Task<Result<KitOrderView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindOwnedAsync(session, request.ActivityId, request.ManageToken, cancellationToken);
            var order = activity is null ? null : await KitOrderStore.FindForActivityAsync(session, activity.Id, cancellationToken);
            return order is null ? Error.NotFound("Kit order") : await KitOrderStore.ViewAsync(session, order, cancellationToken);
        }
    }
}
