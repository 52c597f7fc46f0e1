using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// At least one active admin (role admin, not revoked) always remains, or nobody could add, change or revoke staff any more.
/// Every command that can take an active admin away (<see cref="ChangeStaffRole"/> to another role,
/// <see cref="RevokeStaffMember"/>) asks <see cref="WouldRemoveTheLastAsync"/> in its own transaction before it writes, and
/// refuses with <see cref="Refused"/> (409 <c>lastAdmin</c>) when true. Adding or promoting a member only adds admins.
/// </summary>
public static class LastAdmin
{
    /// <summary>The problem code of <see cref="Refused"/>.</summary>
    public const string Code = "lastAdmin";

    /// <summary>409 <c>lastAdmin</c>: the change would leave no active admin.</summary>
    public static Error Refused => Error.Conflict(Code, "This is the last active admin; make another member admin first.");

    // Two admins who demote or revoke each other at the same moment each count the other as still active: under READ
    // COMMITTED neither sees the other's uncommitted change, so two plain counts would both pass and leave no admin. So
    // removals queue on one lock for the whole transaction (TransactionLock), and the count below, a new statement
    // after the previous holder committed, sees the first removal and refuses the second.
    private const string RemovalLock = "staff-admins";

    private const string OnlyActiveAdmin = """
        SELECT COUNT(1) FROM staff_keys k
        WHERE k.id = @Id AND k.role = @Admin AND k.revoked_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM staff_keys o WHERE o.id <> @Id AND o.role = @Admin AND o.revoked_at IS NULL)
        """;

    /// <summary>
    /// True when member <paramref name="id"/> is the only active admin, so taking their admin role or access away would leave
    /// none. Call inside the command's transaction: from here to its end, other removals wait for it.
    /// </summary>
    public static async Task<bool> WouldRemoveTheLastAsync(DbSession session, Guid id, CancellationToken cancellationToken)
    {
        await TransactionLock.TakeAsync(session, RemovalLock, cancellationToken);
        return await session.ExecuteScalarAsync<int>(OnlyActiveAdmin, new { Id = id, Admin = StaffRoles.Admin }, cancellationToken) > 0;
    }
}
