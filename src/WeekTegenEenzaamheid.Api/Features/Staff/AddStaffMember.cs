using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// The programme office adds a colleague (name, sign-in address, role) and the colleague gets a welcome e-mail with a
/// sign-in link (<see cref="StaffMembers.LinkLifetime"/>, once) through the outbox: no key to pass on, they sign in by
/// the link (and ask the sign-in page for a new one later). The API key <see cref="StaffMembers.CreateAsync"/> makes is
/// not shown: it stays unused unless a developer makes a key with <c>staff create</c>. 409 <c>staffEmailTaken</c> when a
/// member who is not revoked signs in with that address already.
/// </summary>
public static class AddStaffMember
{
    public sealed record Command(string? Name, string? Email, string? Role) : ICommand<Result<Guid>>, IStaffAction
    {
        [JsonIgnore] public string ActionName => "staff.added";

        [JsonIgnore] public string? Subject => null;
    }

    /// <summary>The new member's id.</summary>
    public sealed record Added(Guid Id);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100).SingleLine().OverridePropertyName("name");
            RuleFor(c => c.Email).NotEmpty().MaximumLength(254).Must(ActivityRules.IsEmail)
                .WithMessage("E-mail must be an e-mail address.").OverridePropertyName("email");
            RuleFor(c => c.Role).Must(r => StaffRoles.All.Contains(r))
                .WithMessage($"Role must be one of: {string.Join(", ", StaffRoles.All)}.").OverridePropertyName("role");
        }
    }

    private static Error EmailTaken => Error.Conflict("staffEmailTaken", "A staff member already signs in with this address.");

    internal sealed class Handler(DbSession session, Outbox outbox, AppOptions app, TimeProvider clock)
        : IRequestHandler<Command, Result<Guid>>
    {
        public async Task<Result<Guid>> Handle(Command request, CancellationToken cancellationToken)
        {
            var email = request.Email!.Trim();
            if (await StaffMembers.FindByEmailAsync(session, email, cancellationToken) is not null)
            {
                return EmailTaken;
            }

            var now = clock.GetUtcNow();
            var name = request.Name!.Trim();
            Guid id;
            try
            {
                (id, _) = await StaffMembers.CreateAsync(session, name, request.Role!, email, now, cancellationToken);
            }
            catch (Exception exception) when (DbSession.IsUniqueViolation(exception))
            {
                // Another addition of this address committed between the check and the insert (0012's index).
                return EmailTaken;
            }

            var token = await StaffMembers.CreateSignInTokenAsync(session, id, now, cancellationToken);
            await outbox.EnqueueAsync(
                new EmailComposer("Welkom bij de Week tegen Eenzaamheid")
                    .Paragraph($"Beste {name},")
                    .Paragraph("Het programmabureau heeft je toegevoegd als medewerker van de Week tegen Eenzaamheid "
                        + $"({(request.Role == StaffRoles.Admin ? "programmabureau" : "magazijn")}). "
                        + "Met de link hieronder log je de eerste keer in. De link werkt 15 minuten en één keer.")
                    .Link("Inloggen als medewerker", app.Link(StaffMembers.LinkFor(token)))
                    .Paragraph("Werkt de link niet meer? Vraag dan een nieuwe aan op "
                        + app.Link(StaffSessionCookie.SignInPath) + " met dit e-mailadres.")
                    .To($"staff-welcome:{id}", email, name),
                cancellationToken);
            return id;
        }
    }

    public static async Task<Results<Created<Added>, ProblemHttpResult>> Endpoint(
        Command command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToHttp(id => TypedResults.Created($"{StaffEndpoints.Staff}/{id}", new Added(id)));
}
