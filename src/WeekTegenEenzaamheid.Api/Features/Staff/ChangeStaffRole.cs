using System.Text.Json.Serialization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Gives a staff member another role; their sessions and key carry it from their next request. A member cannot take
/// away their own admin role (409 <c>ownAdminRole</c>), nor anyone's when it would leave no active admin (409
/// <c>lastAdmin</c>, <see cref="LastAdmin"/>: two admins demoting each other at once), so the office never locks itself
/// out; 404 for no such member or a revoked one.
/// </summary>
public static class ChangeStaffRole
{
    /// <param name="ActorId">The staff member who makes the change (<c>StaffIdentity.Id</c>).</param>
    public sealed record Command(Guid Id, string? Role, Guid? ActorId) : ICommand<Result<string>>, IStaffAction
    {
        [JsonIgnore] public string ActionName => "staff.roleChanged";

        [JsonIgnore] public string? Subject => Id.ToString();
    }

    public sealed record Body(string? Role);

    /// <summary>The member and the role they have now.</summary>
    public sealed record Changed(Guid Id, string Role);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Role).Must(r => StaffRoles.All.Contains(r))
            .WithMessage($"Role must be one of: {string.Join(", ", StaffRoles.All)}.").OverridePropertyName("role");
    }

    private const string Update = "UPDATE staff_keys SET role = @Role WHERE id = @Id AND revoked_at IS NULL";

    internal sealed class Handler(DbSession session) : IRequestHandler<Command, Result<string>>
    {
        public async Task<Result<string>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.Id == request.ActorId && request.Role != StaffRoles.Admin)
            {
                return Error.Conflict("ownAdminRole", "You cannot take away your own admin role; ask another admin.");
            }

            if (request.Role != StaffRoles.Admin && await LastAdmin.WouldRemoveTheLastAsync(session, request.Id, cancellationToken))
            {
                return LastAdmin.Refused;
            }

            return await session.ExecuteAsync(Update, new { request.Id, request.Role }, cancellationToken) == 1
                ? request.Role!
                : Error.NotFound("Staff member");
        }
    }

    public static async Task<Results<Ok<Changed>, ProblemHttpResult>> Endpoint(
        Guid id, Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, body.Role, StaffIdentity.Id(user)), ct))
            .ToHttp(role => TypedResults.Ok(new Changed(id, role)));
}
