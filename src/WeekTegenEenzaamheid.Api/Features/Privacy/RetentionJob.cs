using Dapper;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// Keeps no personal data longer than needed. Safe to run twice: each step deletes or erases only
/// what is still due.
/// </summary>
public sealed class RetentionJob(ConnectionFactory connections, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public static readonly TimeSpan UnverifiedLifetime = TimeSpan.FromHours(72);
    public static readonly TimeSpan DeliveredEmailLifetime = TimeSpan.FromDays(30);

    private const string DeleteUnverified = """
        DELETE FROM activities WHERE status = 'pendingVerification' AND created_at < @Cutoff
        """;

    // Sent e-mails hold names and addresses in their bodies; a month covers any question about delivery.
    private const string DeleteDeliveredEmails = """
        DELETE FROM outbox_messages WHERE status IN ('sent', 'failed') AND created_at < @Cutoff
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var unverified = await connection.ExecuteAsync(new CommandDefinition(DeleteUnverified, new { Cutoff = now - UnverifiedLifetime }, cancellationToken: cancellationToken));
        var emails = await connection.ExecuteAsync(new CommandDefinition(DeleteDeliveredEmails, new { Cutoff = now - DeliveredEmailLifetime }, cancellationToken: cancellationToken));
        logger.LogInformation("Retention deleted {Unverified} unverified activities and {Emails} old e-mails", unverified, emails);
    }
}
