using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Platform.Mediation;

/// <summary>
/// A staff command kept in <c>staff_actions</c> (0013) with who gave it, for changes whose subject has no history of
/// its own (issue 12: every change is recorded with who did it). Implementations mark both members <c>[JsonIgnore]</c>
/// where the command is a request body.
/// </summary>
public interface IStaffAction
{
    /// <summary>What was done, dotted: <c>staff.added</c>, <c>edition.saved</c>; at most 100 characters.</summary>
    string ActionName { get; }

    /// <summary>What it was done to (an id, a year, an article number); null: the new id a <c>Result&lt;Guid&gt;</c> answers.</summary>
    string? Subject { get; }
}

/// <summary>
/// Records a successful <see cref="IStaffAction"/> in the command's own transaction (registered after the transaction
/// behavior, so inside it): the row and the change commit together or not at all. Who: the staff member of the
/// request's key or session (<see cref="StaffIdentity.Id"/>); null when a job sends the command.
/// </summary>
public sealed class StaffActionBehavior<TRequest, TResponse>(DbSession session, IHttpContextAccessor http, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    private const string Insert = """
        INSERT INTO staff_actions (id, done_at, staff_id, action, subject) VALUES (@Id, @At, @StaffId, @Action, @Subject)
        """;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (request is IStaffAction action && response is not IFailure)
        {
            var subject = action.Subject ?? (response is Result<Guid>.Success created ? created.Value.ToString() : string.Empty);
            await session.ExecuteAsync(
                Insert,
                new
                {
                    Id = Guid.CreateVersion7(), At = clock.GetUtcNow(),
                    StaffId = http.HttpContext is { } context ? StaffIdentity.Id(context.User) : null,
                    Action = action.ActionName, Subject = subject,
                },
                cancellationToken);
        }

        return response;
    }
}
