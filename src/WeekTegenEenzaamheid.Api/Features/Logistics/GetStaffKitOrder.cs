using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

public static class GetStaffKitOrder
{
    public sealed record Query(string Reference) : IQuery<Result<LogisticsOrderView>>;

    public static async Task<Results<Ok<LogisticsOrderView>, ProblemHttpResult>> Endpoint(
        string reference, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(reference), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities)
        : IRequestHandler<Query, Result<LogisticsOrderView>>
    {
        public async Task<Result<LogisticsOrderView>> Handle(Query request, CancellationToken cancellationToken)
        {
            var order = await KitOrderStore.FindByReferenceAsync(session, request.Reference, cancellationToken);
            return order is null
                ? Error.NotFound("Kit order")
                : await LogisticsOrders.ViewAsync(session, municipalities, order, cancellationToken);
        }
    }
}
