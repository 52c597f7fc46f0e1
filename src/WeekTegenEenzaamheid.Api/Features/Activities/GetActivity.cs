using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class GetActivity
{
    /// <summary>
    /// A published activity; with <paramref name="IncludeCancelled"/> also a cancelled one, which its page says does not go ahead.
    /// </summary>
    public sealed record Query(Guid Id, bool IncludeCancelled = false) : IQuery<Result<PublicActivity>>;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<PublicActivity>>
    {
        public async Task<Result<PublicActivity>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            if (activity is null || !(activity.Status == ActivityStatus.Published
                || (request.IncludeCancelled && activity.Status == ActivityStatus.Cancelled)))
            {
                return Error.NotFound("Activity");
            }

            return PublicActivity.From(activity, municipalities);
        }
    }

    public static async Task<Results<Ok<PublicActivity>, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id), ct)).ToHttp(TypedResults.Ok);
}
