using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

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
}
