using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The owner's order: the open one, or else the last cancelled one, with its history and tracking.</summary>
public static class GetKitOrder
{
    public sealed record Query(Guid ActivityId, string? ManageToken) : IQuery<Result<KitOrderView>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            ActivityStore.IsOwnerAsync(session, clock, ActivityId, ManageToken, cancellationToken);
    }

    public static async Task<Results<Ok<KitOrderView>, ProblemHttpResult>> Endpoint(
        Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id, token), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<KitOrderView>>
    {
        public async Task<Result<KitOrderView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var order = await KitOrderStore.FindForActivityAsync(session, request.ActivityId, cancellationToken);
            return order is null ? Error.NotFound("Kit order") : await KitOrderStore.ViewAsync(session, order, cancellationToken);
        }
    }
}
