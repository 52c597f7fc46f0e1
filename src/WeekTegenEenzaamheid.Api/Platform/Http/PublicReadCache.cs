using System.Collections.Concurrent;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Answers to public reads (the activity search), kept as the bytes that were sent. Any committed
/// command may change what they show (a new activity, a cancellation, a seat taken), so every commit
/// starts a new generation and no answer of an older one is served again. Commits on another app
/// server are not seen here: entries also expire after <see cref="MaxAge"/>, which bounds how stale
/// a read can be when several servers share a SQL Server database.
/// A caller chooses keys, so the cache is bounded twice: at most <see cref="DefaultMaxEntries"/>
/// entries and <see cref="DefaultMaxBytes"/> counted as key (UTF-16), answer and a fixed overhead per
/// entry. Reaching either bound empties it; the next searches fill it again from the database.
/// </summary>
public sealed class PublicReadCache : ICommitObserver
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    public const int DefaultMaxEntries = 10_000;

    public const long DefaultMaxBytes = 32 * 1024 * 1024;

    // The dictionary node, the entry record and the string and array headers, rounded up.
    private const int EntryOverheadBytes = 128;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly int maxEntries;
    private readonly long maxBytes;
    private long generation;
    private long bytes;
    private int stored;

    public PublicReadCache()
        : this(DefaultMaxEntries, DefaultMaxBytes)
    {
    }

    /// <summary>A cache with other bounds than the defaults (tests use small ones).</summary>
    public PublicReadCache(int maxEntries, long maxBytes)
    {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public long Generation => Interlocked.Read(ref generation);

    /// <summary>The entries held now, at most the bound on entries.</summary>
    public int Count => entries.Count;

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

        // A replaced entry is counted twice until the next clear: that errs on the side of less memory.
        var size = (long)key.Length * sizeof(char) + body.Length + EntryOverheadBytes;
        if (Interlocked.Add(ref bytes, size) > maxBytes || Interlocked.Increment(ref stored) > maxEntries)
        {
            Clear();
            Interlocked.Add(ref bytes, size);
            Interlocked.Increment(ref stored);
        }

        entries[key] = new Entry(computedIn, Environment.TickCount64, body);
    }

    /// <summary>Starts a new generation: no answer stored before is served again.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Clear();
    }

    void ICommitObserver.Committed() => Invalidate();

    private void Clear()
    {
        entries.Clear();
        Interlocked.Exchange(ref bytes, 0);
        Interlocked.Exchange(ref stored, 0);
    }

    private sealed record Entry(long Generation, long StoredAt, byte[] Body);
}
