using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class VerifyActivity
{
    public sealed record Body(string? Token);

    public sealed record Command(Guid Id, string? Token) : ICommand<Result<ManagedActivity>>, IOwnerRequest
    {
        // A missing token is the validator's to answer (422 on "token"), not a stranger's guess.
        public async Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            string.IsNullOrWhiteSpace(Token) || await ActivityStore.IsOwnerAsync(session, clock, Id, Token, cancellationToken);
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Token).NotEmpty().SingleLine().OverridePropertyName("token");
    }

    private const string Publish = """
        UPDATE activities SET status = 'published', verified_at = @Now, updated_at = @Now
        WHERE id = @Id AND status = 'pendingVerification'
        """;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities, TimeProvider clock)
        : IRequestHandler<Command, Result<ManagedActivity>>
    {
        public async Task<Result<ManagedActivity>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            switch (activity.Status)
            {
                case ActivityStatus.Published:
                    return ManagedActivity.From(activity, municipalities);
                case ActivityStatus.PendingVerification:
                    if (await session.ExecuteAsync(Publish, new { request.Id, Now = clock.GetUtcNow() }, cancellationToken) == 0)
                    {
                        return Error.ConcurrentChange("The activity");
                    }

                    return ManagedActivity.From(activity with { Status = ActivityStatus.Published }, municipalities);
                default:
                    return Error.Conflict("activityNotVerifiable", $"The activity is {activity.Status} and can no longer be confirmed.");
            }
        }
    }

    public static async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> Endpoint(
        Guid id, Body body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, body.Token), ct)).ToHttp(TypedResults.Ok);
}
