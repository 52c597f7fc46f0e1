using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Privacy;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// "Mijn activiteiten": sends a sign-in link (valid <see cref="LinkLifetime"/>, used once, stored hashed) through the
/// outbox to an address that is the verified contact of an activity. The answer is the same whether or not the address
/// is known, so the form tells no one who organises what; at most <see cref="MaxLinksPerHour"/> links per address an hour.
/// </summary>
public static class RequestSignInLink
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);

    public const int MaxLinksPerHour = 3;

    public sealed record Command(string? Email) : ICommand<bool>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().Must(ActivityRules.IsEmail).WithMessage("E-mail must be an e-mail address.");
    }

    private const string DeleteExpired = "DELETE FROM sign_in_links WHERE expires_at < @Cutoff";

    private const string CountRecent = """
        SELECT COUNT(1) FROM sign_in_links l WHERE l.email_key = @EmailKey AND l.created_at > @Since
        """;

    private const string Insert = """
        INSERT INTO sign_in_links (id, email_key, token_hash, created_at, expires_at)
        VALUES (@Id, @EmailKey, @TokenHash, @Now, @ExpiresAt)
        """;

    internal sealed class Handler(DbSession session, PersonRecords records, Outbox outbox, AppOptions app, TimeProvider clock)
        : IRequestHandler<Command, bool>
    {
        /// <returns>Whether a link was sent; pages do not show it.</returns>
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var email = request.Email!.Trim();
            var emailKey = ActivityRules.EmailKey(email)!;
            // Count, then send: parallel requests for one address would each count the others' links as not there yet.
            await TransactionLock.TakeAsync(session, "sign-in-links:" + emailKey, cancellationToken);
            await session.ExecuteAsync(DeleteExpired, new { Cutoff = now.AddDays(-1) }, cancellationToken);
            var recent = await session.ExecuteScalarAsync<int>(CountRecent, new { EmailKey = emailKey, Since = now.AddHours(-1) },
                cancellationToken);
            // Newest first: the greeting uses the name the address gave last.
            var contacts = (await records.ActivitiesAsync(emailKey, cancellationToken))
                .Where(a => a.Status != ActivityStatus.PendingVerification).Reverse().ToArray();
            if (recent >= MaxLinksPerHour || contacts.Length == 0)
            {
                return false;
            }

            var token = Tokens.New();
            var id = Guid.CreateVersion7();
            await session.ExecuteAsync(Insert, new { Id = id, EmailKey = emailKey, TokenHash = Tokens.Hash(token), Now = now,
                ExpiresAt = now + LinkLifetime }, cancellationToken);
            await outbox.EnqueueAsync(
                new EmailComposer("Je inloglink voor Mijn activiteiten")
                    .Paragraph(contacts[0].ContactName is { Length: > 0 } name ? $"Beste {name}," : "Hallo,")
                    .Paragraph("Met de knop hieronder log je in bij Mijn activiteiten van de Week tegen Eenzaamheid. "
                        + "De link werkt 15 minuten en één keer.")
                    .Link("Inloggen bij Mijn activiteiten", app.Link(MyActivitiesPage.SignInPath + "?token=" + Uri.EscapeDataString(token)))
                    .Paragraph("Heb je dit niet zelf aangevraagd? Dan kun je deze e-mail negeren.")
                    .To($"sign-in-link:{id}", email, contacts[0].ContactName),
                cancellationToken);
            return true;
        }
    }
}
