using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The owner cancels the order while nothing has left the shelf: received, allocated or backordered.</summary>
public static class CancelKitOrder
{
    public sealed record Command(Guid ActivityId, string? ManageToken) : ICommand<Result<KitOrderView>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            ActivityStore.IsOwnerAsync(session, clock, ActivityId, ManageToken, cancellationToken);
    }

    public static async Task<Results<Ok<KitOrderView>, ProblemHttpResult>> Endpoint(
        Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, token), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<KitOrderView>>
    {
        public async Task<Result<KitOrderView>> Handle(Command request, CancellationToken cancellationToken)
        {
            var order = await KitOrderStore.FindForActivityAsync(session, request.ActivityId, cancellationToken);
            if (order is null)
            {
                return Error.NotFound("Kit order");
            }

            if (order.Status != KitOrderStatus.Cancelled)
            {
                if (!KitOrderStatus.CancellableByOwner.Contains(order.Status))
                {
                    return Error.Conflict(
                        "kitOrderNotCancellable", $"The order is {order.Status}; it can only be cancelled before it is picked.");
                }

                var note = "cancelled by the initiator";
                if (!await KitOrderCancellation.CancelAsync(session, order, note, clock.GetUtcNow(), cancellationToken))
                {
                    return Error.ConcurrentChange("The kit order");
                }
            }

            var current = (await KitOrderStore.FindAsync(session, order.Id, cancellationToken))!;
            return await KitOrderStore.ViewAsync(session, current, cancellationToken);
        }
    }
}
