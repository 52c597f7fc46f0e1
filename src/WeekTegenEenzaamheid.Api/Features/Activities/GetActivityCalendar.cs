using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class GetActivityCalendar
{
    public sealed record Query(Guid Id) : IQuery<Result<string>>;

    internal sealed class Handler(DbSession session, ActivityCalendar calendar) : IRequestHandler<Query, Result<string>>
    {
        public async Task<Result<string>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            // A cancelled or rejected activity keeps its file, marked CANCELLED, so a subscribed calendar drops the entry.
            return activity is { Status: ActivityStatus.Published or ActivityStatus.Cancelled or ActivityStatus.Rejected }
                ? calendar.Serialize(activity)
                : Error.NotFound("Activity");
        }
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Endpoint(Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id), ct)).ToHttp(ics => TypedResults.Text(ics, ActivityCalendar.ContentType + "; charset=utf-8"));
}
