using System.Net.Sockets;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>
/// Delivers due outbox e-mails in batches over one connection. Rows are claimed with a lease, so
/// two runs (or two app servers) never send the same row at once, and a run that dies leaves rows
/// that the next run takes over once the lease has passed. Each e-mail is marked sent as soon as the
/// SMTP server has accepted it, so a run that dies sends again at most the one e-mail it was sending.
/// The Message-Id is derived from the row, so such a resend is recognisably the same e-mail.
/// </summary>
public sealed class OutboxDispatchJob(
    ConnectionFactory connections,
    DbSession session,
    EmailOptions options,
    OutboxSignal signal,
    TimeProvider clock,
    ILogger<OutboxDispatchJob> logger)
{
    private const int BatchSize = 100;
    private const int MaxAttempts = 10;
    private static readonly TimeSpan BookingMargin = TimeSpan.FromMinutes(1);

    // A full claim whose first e-mail has been due this long means this run does not keep up (a reminder burst), so it
    // asks for help (OutboxSignal.Backlog); a run that keeps up with a sign-up rush takes no second and third run's CPU
    // from the requests (the bench's PostgreSQL sign-ups at 16 connections: 0.49 with help at every full claim, 0.62
    // without).
    private static readonly TimeSpan BacklogAge = TimeSpan.FromSeconds(2);

    private TimeSpan Lease => options.OutboxLease > 2 * BookingMargin ? options.OutboxLease : 2 * BookingMargin;

    private const string ClaimSqlite = """
        UPDATE outbox_messages SET locked_by = @Worker, locked_until = @LeaseUntil
        WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE status = 'pending' AND next_attempt_at <= @Now AND (locked_until IS NULL OR locked_until < @Now)
            ORDER BY next_attempt_at
            LIMIT @BatchSize)
        """;

    private const string ClaimSqlServer = """
        WITH due AS (
            SELECT TOP (@BatchSize) id, locked_by, locked_until FROM outbox_messages WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE status = 'pending' AND next_attempt_at <= @Now AND (locked_until IS NULL OR locked_until < @Now)
            ORDER BY next_attempt_at)
        UPDATE due SET locked_by = @Worker, locked_until = @LeaseUntil
        """;

    // SKIP LOCKED: a claim running on another app server keeps its rows and this one takes the next ones,
    // without waiting. Under READ COMMITTED, FOR UPDATE checks the WHERE again on the newest version of each
    // row it locks, so a row another claim has just leased (locked_until in the future) is left out.
    // The claim commits asynchronously, like the mark below (one WAL flush less per e-mail): other servers see it
    // at once; only a crash of the database server itself can lose it, and then the e-mail may go twice, never not.
    private const string ClaimPostgreSql = """
        UPDATE outbox_messages SET locked_by = @Worker, locked_until = @LeaseUntil
        WHERE id IN (
            SELECT id FROM outbox_messages
            WHERE status = 'pending' AND next_attempt_at <= @Now AND (locked_until IS NULL OR locked_until < @Now)
            ORDER BY next_attempt_at
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED)
          AND set_config('synchronous_commit', 'off', true) = 'off'
        """;

    private const string SelectClaimed = """
        SELECT id AS Id, to_address AS ToAddress, to_name AS ToName, subject AS Subject, text_body AS TextBody,
               html_body AS HtmlBody, attachments AS Attachments, attempts AS Attempts, created_at AS CreatedAt,
               next_attempt_at AS NextAttemptAt
        FROM outbox_messages
        WHERE locked_by = @Worker AND status = 'pending'
        ORDER BY next_attempt_at
        """;

    private const string MarkSent = """
        UPDATE outbox_messages
        SET status = 'sent', sent_at = @Now, attempts = attempts + 1, locked_by = NULL, locked_until = NULL, last_error = NULL
        WHERE id = @Id AND locked_by = @Worker
        """;

    // One durable commit per e-mail would cost PostgreSQL a WAL flush each (about 4 ms here, more than the send),
    // so this one transaction commits asynchronously (set_config local: the setting in force at its commit
    // decides). The app dying loses nothing: the server has the commit. Only a crash of the database server
    // itself within a fraction of a second loses such a mark, and then the e-mail goes again: a copy, never a loss.
    private const string MarkSentPostgreSql = """
        UPDATE outbox_messages
        SET status = 'sent', sent_at = @Now, attempts = attempts + 1, locked_by = NULL, locked_until = NULL, last_error = NULL
        WHERE id = @Id AND locked_by = @Worker AND set_config('synchronous_commit', 'off', true) = 'off'
        """;

    private const string MarkFailed = """
        UPDATE outbox_messages
        SET status = 'failed', attempts = attempts + 1, locked_by = NULL, locked_until = NULL, last_error = @Error
        WHERE id = @Id AND locked_by = @Worker
        """;

    private const string Reschedule = """
        UPDATE outbox_messages
        SET attempts = attempts + 1, next_attempt_at = @NextAttemptAt, locked_by = NULL, locked_until = NULL, last_error = @Error
        WHERE id = @Id AND locked_by = @Worker
        """;

    private const string Release = """
        UPDATE outbox_messages
        SET next_attempt_at = @NextAttemptAt, locked_by = NULL, locked_until = NULL, last_error = @Error
        WHERE locked_by = @Worker AND status = 'pending'
        """;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var run = signal.Started();
        // The process id lets an operator (and the server-killed drill) tell whose claim a row is in; locked_by
        // holds 100 characters.
        var machine = Environment.MachineName.Length <= 50 ? Environment.MachineName : Environment.MachineName[..50];
        var worker = $"{machine}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        await using var transport = CreateTransport();
        var sent = 0;
        var leaseUntil = clock.GetUtcNow() + Lease;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            leaseUntil = now + Lease;
            int claimed;
            using (await connections.WriteTurnAsync(cancellationToken))
            {
                claimed = await session.ExecuteAsync(
                    connections.Dialect.Pick(ClaimSqlite, ClaimSqlServer, ClaimPostgreSql),
                    new { Worker = worker, LeaseUntil = leaseUntil, Now = now, BatchSize },
                    CancellationToken.None);
            }

            if (claimed == 0)
            {
                if (await signal.MoreAsync(cancellationToken))
                {
                    continue;
                }

                break;
            }

            var batch = await session.QueryAsync<OutboxRow>(SelectClaimed, new { Worker = worker }, CancellationToken.None);
            if (claimed == BatchSize && batch.Count > 0 && now - batch[0].NextAttemptAt > BacklogAge)
            {
                signal.Backlog();
            }

            foreach (var row in batch)
            {
                // A batch must not outlive its lease, or another run would claim and send the rest again.
                if (clock.GetUtcNow() > leaseUntil - BookingMargin)
                {
                    await BookAsync(Release, new { Worker = worker, NextAttemptAt = clock.GetUtcNow(), Error = (string?)null });
                    break;
                }

                var outcome = await DeliverAsync(transport, row, cancellationToken);
                if (outcome == Outcome.Sent)
                {
                    // Marked at once, one write per e-mail: a crash after the SMTP server's 250 and before this
                    // write is the only way to a second copy, so a dying run doubles at most this one e-mail
                    // (scripts/chaos.sh, server-killed). Marking per batch doubled up to a whole batch.
                    await BookAsync(
                        connections.Dialect.Pick(MarkSent, MarkSent, MarkSentPostgreSql),
                        new { row.Id, Worker = worker, Now = clock.GetUtcNow() });
                    sent++;
                }
                else if (outcome == Outcome.ServerUnavailable)
                {
                    // Nothing gets through now: hand back the rest of the claim instead of burning attempts.
                    await BookAsync(Release, new { Worker = worker, NextAttemptAt = clock.GetUtcNow().AddSeconds(30),
                        Error = "SMTP server unavailable" });
                    logger.LogWarning("SMTP server unavailable; {Sent} e-mails sent in this run, the rest wait", sent);
                    return;
                }
            }
        }

        if (sent > 0)
        {
            logger.LogInformation("Outbox run sent {Sent} e-mails", sent);
        }

        // Booking what happened to a row (sent, failed, deferred, handed back) must survive a database
        // that is locked for a while (another writer, a long checkpoint): a sent e-mail left unmarked
        // would go out a second time once its lease ran out. While the lease still keeps the rows to
        // this run, a busy database is waited out; only then does the run give up and fail. Every write
        // takes this process's turn (SQLite's single writer), like the commands' transactions.
        async Task BookAsync(string sql, object parameters)
        {
            while (true)
            {
                try
                {
                    using var turn = await connections.WriteTurnAsync(CancellationToken.None);
                    await session.ExecuteAsync(sql, parameters, CancellationToken.None);
                    return;
                }
                catch (Exception exception) when (DbSession.IsBusy(exception) && clock.GetUtcNow() < leaseUntil - BookingMargin)
                {
                    logger.LogWarning("The database is busy; booking the outcome of an e-mail again");
                    await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                }
            }
        }

        async Task<Outcome> DeliverAsync(IMailTransport transport, OutboxRow row, CancellationToken token)
        {
            MimeMessage message;
            try
            {
                message = ToMime(row);
            }
            catch (Exception exception) when (exception is JsonException or FormatException or ParseException or ArgumentException)
            {
                // A row that cannot become a message never will: failed (visible to staff), so it does not stop every
                // e-mail claimed after it, run after run (scripts/bench.sh found one with attachments that were not JSON).
                logger.LogError(exception, "E-mail {EmailId} cannot be composed", row.Id);
                await BookAsync(MarkFailed, new { row.Id, Worker = worker, Error = Truncate("not composed: " + exception.Message) });
                return Outcome.Failed;
            }

            try
            {
                await transport.SendAsync(message, token);
                return Outcome.Sent;
            }
            catch (SmtpCommandException exception) when ((int)exception.StatusCode >= 500)
            {
                logger.LogWarning("E-mail {EmailId} rejected permanently ({Status})", row.Id, (int)exception.StatusCode);
                await BookAsync(MarkFailed, new { row.Id, Worker = worker,
                    Error = Truncate($"{(int)exception.StatusCode} {exception.Message}") });
                return Outcome.Failed;
            }
            catch (SmtpCommandException exception)
            {
                var attempts = row.Attempts + 1;
                var error = Truncate($"{(int)exception.StatusCode} {exception.Message}");
                if (attempts >= MaxAttempts)
                {
                    await BookAsync(MarkFailed, new { row.Id, Worker = worker, Error = error });
                    return Outcome.Failed;
                }

                // Back-off: 30 s, 1, 2, 4 … minutes.
                var delay = TimeSpan.FromSeconds(30 * Math.Pow(2, attempts - 1));
                logger.LogInformation("E-mail {EmailId} deferred ({Status}); retry in {Delay}", row.Id, (int)exception.StatusCode, delay);
                await BookAsync(Reschedule, new { row.Id, Worker = worker, NextAttemptAt = clock.GetUtcNow() + delay, Error = error });
                return Outcome.Deferred;
            }
            catch (Exception exception) when (exception
                is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
            {
                return Outcome.ServerUnavailable;
            }
        }
    }

    private IMailTransport CreateTransport() =>
        string.IsNullOrWhiteSpace(options.SmtpHost) ? new PickupDirectoryTransport(options) : new SmtpTransport(options);

    /// <summary>
    /// The message as an SMTP server would receive it, whichever transport takes it: every text part names
    /// its charset (strict readers guess otherwise), and <see cref="MailFormat.Prepare"/> gives each part a
    /// transfer encoding that keeps lines within RFC 5322's 998 octets.
    /// </summary>
    private MimeMessage ToMime(OutboxRow row)
    {
        var from = MailboxAddress.Parse(options.From);
        var message = new MimeMessage
        {
            Date = row.CreatedAt,
            MessageId = $"{row.Id:N}@{from.Domain}",
        };
        MailFormat.SetSubject(message, row.Subject);
        message.From.Add(from);
        MailFormat.SetTo(message, row.ToName, row.ToAddress);
        var body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody };
        foreach (var attachment in row.Attachments is null ? [] : JsonSerializer.Deserialize<EmailAttachment[]>(row.Attachments) ?? [])
        {
            var contentType = ContentType.Parse(attachment.ContentType);
            if (contentType.IsMimeType("text", "*") && string.IsNullOrEmpty(contentType.Charset))
            {
                contentType.Charset = "utf-8";
            }

            body.Attachments.Add(attachment.FileName, attachment.Content, contentType);
        }

        message.Body = body.ToMessageBody();
        MailFormat.Prepare(message);
        return message;
    }

    private static string Truncate(string text) => text.Length <= 1000 ? text : text[..1000];

    private enum Outcome
    {
        Sent,
        Deferred,
        Failed,
        ServerUnavailable,
    }

    private sealed record OutboxRow
    {
        public Guid Id { get; init; }

        public required string ToAddress { get; init; }

        public string? ToName { get; init; }

        public required string Subject { get; init; }

        public required string TextBody { get; init; }

        public required string HtmlBody { get; init; }

        public string? Attachments { get; init; }

        public int Attempts { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset NextAttemptAt { get; init; }
    }
}
