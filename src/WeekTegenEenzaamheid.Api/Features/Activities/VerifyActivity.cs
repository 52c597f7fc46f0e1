using Dapper;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class VerifyActivity
{
    public sealed record Body(string? Token);

    public sealed record Command(Guid Id, string? Token) : ICommand<Result<ManagedActivity>>;

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
            var activity = await ActivityStore.FindOwnedAsync(session, request.Id, request.Token, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            switch (activity.Status)
            {
                case ActivityStatus.Published:
                    return ManagedActivity.From(activity, municipalities);
                case ActivityStatus.PendingVerification:
                    var connection = await session.ConnectionAsync(cancellationToken);
                    if (await connection.ExecuteAsync(new CommandDefinition(Publish, new { request.Id, Now = clock.GetUtcNow() }, session.Transaction, cancellationToken: cancellationToken)) == 0)
                    {
                        return Error.ConcurrentChange("The activity");
                    }

                    return ManagedActivity.From(activity with { Status = ActivityStatus.Published }, municipalities);
                default:
                    return Error.Conflict("activityNotVerifiable", $"The activity is {activity.Status} and can no longer be confirmed.");
            }
        }
    }
}
