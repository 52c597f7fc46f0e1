using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Ends a staff session (<c>staff_sessions.ended_at</c>): the cookie stops working on every server. Ending an ended one
/// is harmless.
/// </summary>
public static class SignOutStaff
{
    public sealed record Command(Guid SessionId) : ICommand<bool>;

    private const string End = "UPDATE staff_sessions SET ended_at = @Now WHERE id = @Id AND ended_at IS NULL";

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        /// <returns>Whether the session was still open.</returns>
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken) =>
            await session.ExecuteAsync(End, new { Id = request.SessionId, Now = clock.GetUtcNow() }, cancellationToken) == 1;
    }
}
