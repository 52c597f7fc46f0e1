using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class GetManagedActivity
{
    public sealed record Query(Guid Id, string? ManageToken) : IQuery<Result<ManagedActivity>>;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<ManagedActivity>>
    {
        public async Task<Result<ManagedActivity>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindOwnedAsync(session, request.Id, request.ManageToken, cancellationToken);
            return activity is null ? Error.NotFound("Activity") : ManagedActivity.From(activity, municipalities);
        }
    }
}
