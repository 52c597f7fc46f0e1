using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class GetActivity
{
    public sealed record Query(Guid Id) : IQuery<Result<PublicActivity>>;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<PublicActivity>>
    {
        public async Task<Result<PublicActivity>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            return activity is { Status: ActivityStatus.Published }
                ? PublicActivity.From(activity, municipalities)
                : Error.NotFound("Activity");
        }
    }

    public static async Task<Results<Ok<PublicActivity>, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id), ct)).ToHttp(TypedResults.Ok);
}
