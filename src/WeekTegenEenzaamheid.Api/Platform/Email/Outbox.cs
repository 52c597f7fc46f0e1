using System.Text.Json;
using Hangfire;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Email;

/// <summary>
/// Stores e-mails in the caller's transaction. Neither SMTP nor Hangfire's enqueue can join that
/// transaction, so the row is the promise: the dispatch job is only nudged after the commit, and the
/// recurring <c>outbox</c> job picks up whatever a crash left behind.
/// </summary>
public sealed class Outbox(DbSession session, TimeProvider clock, OutboxSignal signal)
{
    private const string Insert = """
        INSERT INTO outbox_messages
            (id, idempotency_key, to_address, to_name, subject, text_body, html_body, attachments,
             status, attempts, next_attempt_at, created_at)
        SELECT @Id, @IdempotencyKey, @ToAddress, @ToName, @Subject, @TextBody, @HtmlBody, @Attachments,
             'pending', 0, @Now, @Now
        WHERE NOT EXISTS (SELECT 1 FROM outbox_messages WHERE idempotency_key = @IdempotencyKey)
        """;

    /// <summary>
    /// Queues the e-mail once per idempotency key. An e-mail without an address is dropped: it was meant for a person
    /// whose data an AVG request erased (an initiator's contact address, say, before the kit's delivery news).
    /// </summary>
    public async Task EnqueueAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(email.ToAddress))
        {
            return;
        }

        await session.ExecuteAsync(Insert, new
        {
            Id = Guid.CreateVersion7(),
            email.IdempotencyKey,
            email.ToAddress,
            email.ToName,
            email.Subject,
            email.TextBody,
            email.HtmlBody,
            Attachments = email.Attachments.Count == 0 ? null : JsonSerializer.Serialize(email.Attachments),
            Now = clock.GetUtcNow(),
        }, cancellationToken);
        session.AfterCommit(signal.DispatchSoon);
    }
}

/// <summary>
/// Enqueues one dispatch job for a burst of committed e-mails rather than one per commit. When
/// <see cref="DispatchSoon"/> returns, a dispatch job that has not started yet is in the queue, so it will read the
/// caller's committed e-mail.
/// </summary>
public sealed class OutboxSignal(IBackgroundJobClient jobs)
{
    private readonly Lock gate = new();
    private bool pending;

    /// <summary>Called after a commit that added e-mails; waits while another caller is enqueueing the job.</summary>
    public void DispatchSoon()
    {
        // The enqueue is inside the lock: a caller that finds the job pending must not return before that job is in
        // the queue, or whoever waits for its e-mail (the tests run the queue at once) could find the queue empty.
        lock (gate)
        {
            if (!pending)
            {
                jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
                pending = true;
            }
        }
    }

    /// <summary>Called as a dispatch job starts: e-mails committed from now on need another job.</summary>
    public void Started()
    {
        lock (gate)
        {
            pending = false;
        }
    }
}
