using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>A sign-up with the activity it is for: the API answers with the sign-up, the cancel page shows both.</summary>
public sealed record SignUpDetails(SignUpView SignUp, ActivityRow Activity);

public static class GetSignUp
{
    public sealed record Query(Guid Id, string? CancelToken) : IQuery<Result<SignUpDetails>>;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<SignUpDetails>>
    {
        public async Task<Result<SignUpDetails>> Handle(Query request, CancellationToken cancellationToken)
        {
            var signUp = await SignUpStore.FindOwnedAsync(session, request.Id, request.CancelToken, cancellationToken);
            if (signUp is null)
            {
                return Error.NotFound("Sign-up");
            }

            var activity = (await ActivityStore.FindAsync(session, signUp.ActivityId, cancellationToken))!;
            return new SignUpDetails(await SignUpStore.ViewAsync(session, signUp, cancellationToken), activity);
        }
    }
}
