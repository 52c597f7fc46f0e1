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
/// Enqueues one dispatch job for a burst of committed e-mails rather than one per commit, and lets a dispatch run of
/// this process take later e-mails itself instead of a new job. When <see cref="DispatchSoon"/> returns, either a
/// dispatch job that has not started yet is in the queue, or a running run of this process will look for due e-mails
/// again before it ends; either way the caller's committed e-mail is read.
/// </summary>
/// <remarks>
/// A job costs PostgreSQL and SQL Server about four commits of Hangfire's own (enqueue, fetch, two state changes) and a
/// claim; a run that lingers (<see cref="EmailOptions.OutboxLinger"/>) turns a stream of sign-ups into one job with a
/// claim per <see cref="GatherDelay"/> of them (scripts/bench/RESULTS.md, the sign-up figure).
/// </remarks>
public sealed class OutboxSignal(IBackgroundJobClient jobs, EmailOptions options, TimeProvider clock, ILogger<OutboxSignal> logger)
{
    /// <summary>
    /// A job this process enqueued may be fetched by another app server, whose run never tells this one and never looks
    /// for this one's later commits: after this long without seeing it start here, the next commit enqueues another, and
    /// if commits relied on it meanwhile, another is enqueued then (an extra job claims nothing and ends).
    /// </summary>
    public static readonly TimeSpan QueuedFor = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private DateTimeOffset? queuedAt;
    private bool reliedOn;
    private int runs;
    private bool more;
    private TaskCompletionSource? wake;

    /// <summary>Called after a commit that added e-mails; waits while another caller is enqueueing the job.</summary>
    public void DispatchSoon()
    {
        // The enqueue is inside the lock: a caller that finds the job pending must not return before that job is in
        // the queue, or whoever waits for its e-mail (the tests run the queue at once) could find the queue empty.
        lock (gate)
        {
            if (runs > 0)
            {
                more = true;
                wake?.TrySetResult();
                return;
            }

            if (JobQueued())
            {
                reliedOn = true;
                return;
            }

            Enqueue();
        }
    }

    private void Enqueue()
    {
        jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
        var at = clock.GetUtcNow();
        queuedAt = at;
        reliedOn = false;
        _ = RecheckAsync(at);
    }

    // After QueuedFor: a job not seen to start here was fetched by another server (or waits behind busy workers); the
    // commits that relied on it since get one of their own, so they do not wait for the recurring job.
    private async Task RecheckAsync(DateTimeOffset at)
    {
        await Task.Delay(QueuedFor);
        lock (gate)
        {
            if (queuedAt == at && reliedOn && runs == 0)
            {
                TryEnqueue();
            }
        }
    }

    // Hangfire's storage may be unreachable: the e-mails are committed, and the recurring outbox job sends them.
    private void TryEnqueue()
    {
        try
        {
            Enqueue();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The outbox dispatch job could not be queued; the recurring outbox job will send");
        }
    }

    /// <summary>
    /// Called as a dispatch run starts: e-mails committed from now on are this run's to look for (it asks <see
    /// cref="MoreAsync"/> before it ends) until the returned registration is disposed. Disposing it with e-mails
    /// signalled that no run of this process looked for yet enqueues a job for them.
    /// </summary>
    public IDisposable Started()
    {
        lock (gate)
        {
            queuedAt = null;
            reliedOn = false;
            runs++;
        }

        return new Run(this);
    }

    /// <summary>
    /// A run that falls behind (<see cref="Backlog"/>) gets helper jobs while fewer than this many runs of its app
    /// server send: each holds its own SMTP connection, so three keep the relay busy where one connection's round trips
    /// would not (a reminder burst went at 0.56 of a plain MailKit loop with one run, 0.95 with three). Other jobs
    /// (a commit's nudge, the recurring sweep, another server's) may add runs beyond it.
    /// </summary>
    public const int ParallelRuns = 3;

    /// <summary>
    /// Called by a run whose claim came back full with e-mails due for seconds already (it does not keep up): another job
    /// is queued while fewer than <see cref="ParallelRuns"/> run here and none queued here has started yet.
    /// </summary>
    public void Backlog()
    {
        lock (gate)
        {
            if (runs < ParallelRuns && !JobQueued())
            {
                Enqueue();
            }
        }
    }

    private bool JobQueued() => queuedAt is { } at && clock.GetUtcNow() - at < QueuedFor;

    /// <summary>
    /// How long a lingering run, told of a commit, waits for the commits right behind it before it claims: 50 ms, so at
    /// one sign-up every few milliseconds a claim serves a dozen e-mails instead of one (four statements each on the
    /// database the sign-ups use; scripts/bench/RESULTS.md), while an e-mail still leaves well within a second.
    /// </summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Whether a run that found nothing due should look again: true when e-mails were signalled since a run last asked
    /// or are signalled within <see cref="EmailOptions.OutboxLinger"/> (after <see cref="GatherDelay"/> when it
    /// lingers); false when the run should end (the linger passed, or <paramref name="cancellationToken"/> was
    /// cancelled: Hangfire's shutdown).
    /// </summary>
    public async Task<bool> MoreAsync(CancellationToken cancellationToken)
    {
        if (!await SignalledAsync(cancellationToken))
        {
            return false;
        }

        if (options.OutboxLinger > TimeSpan.Zero)
        {
            await Task.WhenAny(Task.Delay(GatherDelay, cancellationToken));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Shut down after taking the signal: it goes back, so that the run's end queues a job for it.
            lock (gate)
            {
                more = true;
            }

            return false;
        }

        return true;
    }

    private async Task<bool> SignalledAsync(CancellationToken cancellationToken)
    {
        Task signalled;
        lock (gate)
        {
            if (TakeMore())
            {
                return true;
            }

            if (options.OutboxLinger <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            // A wake completed while no run waited (a commit during a batch) must not end the next wait at once.
            if (wake is null || wake.Task.IsCompleted)
            {
                wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signalled = wake.Task;
        }

        using (var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            await Task.WhenAny(signalled, Task.Delay(options.OutboxLinger, linger.Token));
            await linger.CancelAsync();
        }

        lock (gate)
        {
            if (wake is { Task.IsCompleted: true })
            {
                wake = null;
            }

            return TakeMore();
        }
    }

    private bool TakeMore()
    {
        var taken = more;
        more = false;
        return taken;
    }

    private void Ended()
    {
        lock (gate)
        {
            runs--;
            if (runs == 0 && more)
            {
                more = false;
                TryEnqueue();
            }
        }
    }

    private sealed class Run(OutboxSignal signal) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                signal.Ended();
            }
        }
    }
}
