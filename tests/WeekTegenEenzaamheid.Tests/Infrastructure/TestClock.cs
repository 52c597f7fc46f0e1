namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Real time plus an offset the test can move forward: jobs that wait "72 hours" run now.</summary>
public sealed class TestClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
