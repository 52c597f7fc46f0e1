using System.Collections.Concurrent;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Answers to public reads (the activity search), kept as the bytes that were sent. Any committed
/// command may change what they show (a new activity, a cancellation, a seat taken), so every commit
/// starts a new generation and no answer of an older one is served again. Commits on another app
/// server are not seen here: entries also expire after <see cref="MaxAge"/>, which bounds how stale
/// a read can be when several servers share a SQL Server database.
/// </summary>
public sealed class PublicReadCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private const long MaxBytes = 32 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long generation;
    private long bytes;

    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string key, out byte[] body)
    {
        if (entries.TryGetValue(key, out var entry) && entry.Generation == Generation
            && Environment.TickCount64 - entry.StoredAt < MaxAge.TotalMilliseconds)
        {
            body = entry.Body;
            return true;
        }

        body = [];
        return false;
    }

    /// <summary>Stores an answer computed in <paramref name="computedIn"/>, unless a commit has happened since.</summary>
    public void Set(string key, long computedIn, byte[] body)
    {
        if (computedIn != Generation)
        {
            return;
        }

        if (Interlocked.Add(ref bytes, body.Length) > MaxBytes)
        {
            Clear();
        }

        entries[key] = new Entry(computedIn, Environment.TickCount64, body);
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Clear();
    }

    private void Clear()
    {
        entries.Clear();
        Interlocked.Exchange(ref bytes, 0);
    }

    private sealed record Entry(long Generation, long StoredAt, byte[] Body);
}
