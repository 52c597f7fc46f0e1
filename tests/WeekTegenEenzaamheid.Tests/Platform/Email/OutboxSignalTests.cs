using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform.Email;

/// <summary>
/// AllocateKitOrder_TwentyParallelOrders… once found no e-mail: its commit saw the dispatch job pending, returned, and the
/// test ran the queue before the other caller's enqueue of that job had finished. DispatchSoon now returns only once the
/// job is in the queue. A running dispatch run takes later e-mails itself (it looks again before it ends), so a trickle
/// of sign-ups no longer pays a Hangfire job each.
/// </summary>
public sealed class OutboxSignalTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task DispatchSoon_WhileAnotherCallerEnqueues_ReturnsOnlyOnceTheJobIsQueued()
    {
        var jobs = new SlowJobClient();
        var signal = Signal(jobs);
        var first = Task.Run(signal.DispatchSoon);
        await jobs.Entered.Task;

        var second = Task.Run(() =>
        {
            signal.DispatchSoon();
            return jobs.Created;
        });
        // Before the fix the second caller returned at once, with nothing queued; now it waits for the first. The pause
        // only gives a wrong implementation the chance to show itself: a right one passes whatever it lasts.
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(500)));
        jobs.Release.SetResult();

        (await second).ShouldBe(1);
        await first;
        jobs.Created.ShouldBe(1);
    }

    [Fact]
    public void DispatchSoon_AfterTheRunEnded_EnqueuesAnother()
    {
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs);

        signal.DispatchSoon();
        signal.DispatchSoon();
        signal.Started().Dispose();
        signal.DispatchSoon();

        jobs.Created.ShouldBe(2);
    }

    [Fact]
    public async Task DispatchSoon_WhileARunIsRunning_LetsThatRunLookAgainInsteadOfEnqueueing()
    {
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs);

        using (signal.Started())
        {
            signal.DispatchSoon();
            jobs.Created.ShouldBe(0);
            (await signal.MoreAsync(CancellationToken.None)).ShouldBeTrue();
            (await signal.MoreAsync(CancellationToken.None)).ShouldBeFalse();
        }

        jobs.Created.ShouldBe(0);
    }

    [Fact]
    public void RunEnds_WithASignalItDidNotLookFor_EnqueuesAJob()
    {
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs);

        var run = signal.Started();
        signal.DispatchSoon();
        run.Dispose();

        jobs.Created.ShouldBe(1);
    }

    [Fact]
    public async Task MoreAsync_WhileLingering_ReturnsTrueWhenAnEmailIsSignalled()
    {
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs, linger: Long);
        using var run = signal.Started();

        var more = signal.MoreAsync(CancellationToken.None);
        more.IsCompleted.ShouldBeFalse("Nothing was signalled, so the run should be waiting out its linger.");
        signal.DispatchSoon();

        (await more).ShouldBeTrue();
        jobs.Created.ShouldBe(0);
    }

    [Fact]
    public async Task MoreAsync_WhenHangfireShutsDown_EndsTheLinger()
    {
        var signal = Signal(new SlowJobClient(), linger: Long);
        using var run = signal.Started();
        using var shutdown = new CancellationTokenSource();

        var more = signal.MoreAsync(shutdown.Token);
        await shutdown.CancelAsync();

        (await more).ShouldBeFalse();
    }

    [Fact]
    public void DispatchSoon_WhenTheQueuedJobWasNotSeenToStart_EnqueuesAnotherAfterAWhile()
    {
        // Another app server may fetch the job this one queued; this one never sees it start.
        var jobs = SlowJobClient.Released();
        var clock = new TestClock();
        var signal = Signal(jobs, clock: clock);

        signal.DispatchSoon();
        signal.DispatchSoon();
        jobs.Created.ShouldBe(1);

        clock.Advance(OutboxSignal.QueuedFor);
        signal.DispatchSoon();
        jobs.Created.ShouldBe(2);
    }

    [Fact]
    public void Backlog_WhileFewerThanParallelRunsRun_QueuesOneMoreAtATime()
    {
        // One run (one SMTP connection) sent a reminder burst at 0.56 of a plain MailKit loop; three did 0.95.
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs);
        var running = new List<IDisposable> { signal.Started() };

        signal.Backlog();
        signal.Backlog();
        jobs.Created.ShouldBe(1, "A job queued here and not started yet serves the backlog too.");

        while (running.Count < OutboxSignal.ParallelRuns)
        {
            running.Add(signal.Started());
            signal.Backlog();
        }

        signal.Backlog();
        jobs.Created.ShouldBe(OutboxSignal.ParallelRuns - 1, $"The first run and its helpers: {OutboxSignal.ParallelRuns} at once.");
        running.ForEach(run => run.Dispose());
    }

    [Fact]
    public async Task DispatchSoon_RelyingOnAJobNotSeenToStart_GetsAJobOfItsOwnAfterAWhile()
    {
        // A review found it: another server fetched this one's job, and the commits after that waited for the
        // recurring job (a minute) when none followed.
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs);

        signal.DispatchSoon();
        signal.DispatchSoon();

        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (jobs.Created < 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cap.Token);
        }

        jobs.Created.ShouldBe(2);
    }

    [Fact]
    public async Task MoreAsync_ShutDownAfterTakingASignal_HandsItBackSoTheRunsEndQueuesAJob()
    {
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs, linger: Long);
        using var shutdown = new CancellationTokenSource();
        var run = signal.Started();
        signal.DispatchSoon();
        await shutdown.CancelAsync();

        (await signal.MoreAsync(shutdown.Token)).ShouldBeFalse();
        run.Dispose();

        jobs.Created.ShouldBe(1);
    }

    [Fact]
    public async Task MoreAsync_AfterAWakeNobodyConsumed_StillLingers()
    {
        // A review found it: a wake left from an ended wait and completed by a commit during a batch ended the next
        // linger at once, so the next commit paid a new job.
        var jobs = SlowJobClient.Released();
        var signal = Signal(jobs, linger: Long);
        using var run = signal.Started();
        using (var stop = new CancellationTokenSource())
        {
            var ended = signal.MoreAsync(stop.Token);
            await stop.CancelAsync();
            (await ended).ShouldBeFalse();
        }

        signal.DispatchSoon();
        (await signal.MoreAsync(CancellationToken.None)).ShouldBeTrue();

        var more = signal.MoreAsync(CancellationToken.None);
        more.IsCompleted.ShouldBeFalse("Nothing new was signalled, so the run should be waiting out its linger.");
        signal.DispatchSoon();
        (await more).ShouldBeTrue();
        jobs.Created.ShouldBe(0);
    }

    private static OutboxSignal Signal(IBackgroundJobClient jobs, TimeSpan? linger = null, TimeProvider? clock = null) =>
        new(jobs, new EmailOptions { OutboxLinger = linger ?? TimeSpan.Zero }, clock ?? TimeProvider.System,
            NullLogger<OutboxSignal>.Instance);

    /// <summary>A job client whose first enqueue waits until the test releases it.</summary>
    private sealed class SlowJobClient : IBackgroundJobClient
    {
        private int created;

        /// <summary>One that enqueues at once.</summary>
        public static SlowJobClient Released()
        {
            var jobs = new SlowJobClient();
            jobs.Release.SetResult();
            return jobs;
        }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Created => Volatile.Read(ref created);

        public string Create(Job job, IState state)
        {
            Entered.TrySetResult();
            Release.Task.Wait();
            return Interlocked.Increment(ref created).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
