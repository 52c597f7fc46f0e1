using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// One activity in any status as the programme office sees it: everything the owner sees (contact fields, counts,
/// rejection reason), when it was registered, and its history with the staff members' names. 404 for no such activity.
/// </summary>
public static class GetOfficeActivity
{
    public sealed record Query(Guid Id) : IQuery<Result<View>>;

    public sealed record View(ManagedActivity Activity, DateTimeOffset RegisteredAt, IReadOnlyList<ActivityHistoryEntry> History);

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<View>>
    {
        public async Task<Result<View>> Handle(Query request, CancellationToken cancellationToken)
        {
            if (await ActivityStore.FindAsync(session, request.Id, cancellationToken) is not { } row)
            {
                return Error.NotFound("Activity");
            }

            return new View(ManagedActivity.From(row, municipalities), row.CreatedAt,
                await ActivityHistory.ListAsync(session, request.Id, cancellationToken));
        }
    }
}
