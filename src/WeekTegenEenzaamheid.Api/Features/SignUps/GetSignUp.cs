using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>A sign-up with the activity it is for: the API answers with the sign-up, the cancel page shows both.</summary>
public sealed record SignUpDetails(SignUpView SignUp, ActivityRow Activity);

/// <summary>A participant reads a sign-up with one of its cancel tokens; a token that is not the sign-up's is 404.</summary>
public static class GetSignUp
{
    public sealed record Query(Guid Id, string? CancelToken) : IQuery<Result<SignUpDetails>>, IOwnerRequest
    {
        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            SignUpStore.IsOwnerAsync(session, Id, CancelToken, cancellationToken);
    }

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<SignUpDetails>>
    {
        public async Task<Result<SignUpDetails>> Handle(Query request, CancellationToken cancellationToken)
        {
            var signUp = await SignUpStore.FindAsync(session, request.Id, cancellationToken);
            if (signUp is null)
            {
                return Error.NotFound("Sign-up");
            }

            var activity = (await ActivityStore.FindAsync(session, signUp.ActivityId, cancellationToken))!;
            return new SignUpDetails(await SignUpStore.ViewAsync(session, signUp, cancellationToken), activity);
        }
    }

    /// <summary>GET /api/registrations/{id}: the sign-up as the participant sees it.</summary>
    public static async Task<Results<Ok<SignUpView>, ProblemHttpResult>> Endpoint(
        Guid id,
        [FromHeader(Name = SecurityExtensions.CancelTokenHeader)] string? token,
        IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new Query(id, token), ct)).ToHttp(details => TypedResults.Ok(details.SignUp));
}
