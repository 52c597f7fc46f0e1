using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>The staff members for scripts (admin key): the same requests as <c>/programmabureau/medewerkers</c>.</summary>
public static class StaffEndpoints
{
    public const string Staff = "/api/admin/staff";

    public static IEndpointRouteBuilder MapStaffMembers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Staff).WithTags("Staff").RequireAuthorization(StaffPolicies.Admin);

        group.MapGet("/", ListStaffMembers.Endpoint)
            .WithName("ListStaffMembers")
            .WithSummary("Every staff member, revoked ones too, the last added first; cursor paged (admin).")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        group.MapGet("/{id:guid}", GetStaffMember.Endpoint)
            .WithName("GetStaffMember")
            .WithSummary("One staff member: name, address, role, when added and revoked (admin).")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

        group.MapPost("/", AddStaffMember.Endpoint)
            .WithName("AddStaffMember")
            .WithSummary("Add a staff member, who gets a welcome e-mail with a sign-in link; 409 for an address in use (admin).")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);

        group.MapPut("/{id:guid}/role", ChangeStaffRole.Endpoint)
            .WithName("ChangeStaffRole")
            .WithSummary("Give a staff member another role; nobody takes away their own or the last active admin role (admin).")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/revoke", RevokeStaffMember.Endpoint)
            .WithName("RevokeStaffMember")
            .WithSummary("Revoke a staff member: key, links and sessions stop at once; not oneself, not the last active admin (admin).")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict);

        return app;
    }
}
