using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

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
}
