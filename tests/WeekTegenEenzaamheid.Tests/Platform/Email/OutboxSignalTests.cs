using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using WeekTegenEenzaamheid.Api.Platform.Email;

namespace WeekTegenEenzaamheid.Tests.Platform.Email;

/// <summary>
/// AllocateKitOrder_TwentyParallelOrders… once found no e-mail: its commit saw the dispatch job pending, returned, and the
/// test ran the queue before the other caller's enqueue of that job had finished. DispatchSoon now returns only once the
/// job is in the queue.
/// </summary>
public sealed class OutboxSignalTests
{
    [Fact]
    public async Task DispatchSoon_WhileAnotherCallerEnqueues_ReturnsOnlyOnceTheJobIsQueued()
    {
        var jobs = new SlowJobClient();
        var signal = new OutboxSignal(jobs);
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
    public void DispatchSoon_AfterTheJobStarted_EnqueuesAnother()
    {
        var jobs = new SlowJobClient();
        jobs.Release.SetResult();
        var signal = new OutboxSignal(jobs);

        signal.DispatchSoon();
        signal.DispatchSoon();
        signal.Started();
        signal.DispatchSoon();

        jobs.Created.ShouldBe(2);
    }

    /// <summary>A job client whose first enqueue waits until the test releases it.</summary>
    private sealed class SlowJobClient : IBackgroundJobClient
    {
        private int created;

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
