using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class GetManagedActivity
{
    public sealed record Query(Guid Id, string? ManageToken) : IQuery<Result<ManagedActivity>>, IManageTokenRequest;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<ManagedActivity>>
    {
        public async Task<Result<ManagedActivity>> Handle(Query request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            return activity is null ? Error.NotFound("Activity") : ManagedActivity.From(activity, municipalities);
        }
    }

    public static async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> Endpoint(
        Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id, token), ct)).ToHttp(TypedResults.Ok);
}
