using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Sends a staff member a sign-in link (<see cref="StaffMembers.LinkLifetime"/>, once, stored hashed) through the
/// outbox. The page's answer is the same whether or not the address is a member's, so the form tells no one who works
/// here; at most <see cref="MaxLinksPerHour"/> links per member an hour (more requests send nothing).
/// </summary>
public static class RequestStaffSignInLink
{
    public const int MaxLinksPerHour = 3;

    /// <param name="Email">The member's address.</param>
    /// <param name="ReturnPath">The staff page to open after sign-in (a local path), carried in the link; else none.</param>
    public sealed record Command(string? Email, string? ReturnPath = null) : ICommand<bool>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().Must(ActivityRules.IsEmail).WithMessage("E-mail must be an e-mail address.");
    }

    private const string CountRecent = """
        SELECT COUNT(1) FROM staff_sign_in_links l WHERE l.staff_id = @StaffId AND l.created_at > @Since
        """;

    internal sealed class Handler(DbSession session, Outbox outbox, AppOptions app, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        /// <returns>Whether a link was sent; the page does not show it.</returns>
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var email = request.Email!.Trim();
            if (await StaffMembers.FindByEmailAsync(session, email, cancellationToken) is not { } member)
            {
                return false;
            }

            // Count, then send: parallel requests for one member would each count the others' links as not there yet.
            await TransactionLock.TakeAsync(session, "staff-sign-in-links:" + member.Id, cancellationToken);
            if (await session.ExecuteScalarAsync<int>(CountRecent, new { StaffId = member.Id, Since = now.AddHours(-1) },
                    cancellationToken) >= MaxLinksPerHour)
            {
                return false;
            }

            var token = await StaffMembers.CreateSignInTokenAsync(session, member.Id, now, cancellationToken);
            await outbox.EnqueueAsync(
                new EmailComposer("Je inloglink voor de Week tegen Eenzaamheid")
                    .Paragraph($"Beste {member.Name},")
                    .Paragraph("Met de link hieronder log je in op de medewerkerspagina's van de Week tegen Eenzaamheid. "
                        + "De link werkt 15 minuten en één keer.")
                    .Link("Inloggen als medewerker", app.Link(StaffMembers.LinkFor(token, request.ReturnPath)))
                    .Paragraph("Heb je dit niet zelf aangevraagd? Dan kun je deze e-mail negeren.")
                    .To($"staff-sign-in-link:{Platform.Security.Tokens.Hash(token)[..32]}", email, member.Name),
                cancellationToken);
            return true;
        }
    }
}
