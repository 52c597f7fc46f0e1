using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// The opaque cursor of a keyset-paged list ordered by an instant, then the id: the last row's pair.
/// </summary>
public static class PageCursor
{
    /// <summary>
    /// The next page's cursor of rows fetched with one more than <paramref name="limit"/> (the extra row says there is a
    /// next page): the last shown row's pair, or null on the last page.
    /// </summary>
    public static string? Next<T>(IReadOnlyList<T> rows, int limit, Func<T, DateTimeOffset> at, Func<T, Guid> id) =>
        rows.Count > limit ? Encode(at(rows[limit - 1]), id(rows[limit - 1])) : null;

    /// <summary>
    /// Where a newest-first list continues: the cursor's pair, or for the first page (or an unreadable cursor) a pair
    /// after every row; <see cref="Guid.AllBitsSet"/> sorts after every id as text (SQLite), as uuid (PostgreSQL) and as
    /// UNIQUEIDENTIFIER.
    /// </summary>
    public static (DateTimeOffset At, Guid Id) NewestFirstFrom(string? cursor) =>
        TryDecode(cursor) ?? (DateTimeOffset.MaxValue, Guid.AllBitsSet);

    public static string Encode(DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.UtcTicks}|{id:N}"));

    public static (DateTimeOffset At, Guid Id)? TryDecode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|');
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>A filter bound: a date means the whole Amsterdam day ("from" its start, "to" its end), or an instant with offset.</summary>
public static class DateBound
{
    public static DateTimeOffset? Parse(string? value, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        // The years a bound can sensibly name; beyond them the arithmetic below would overflow.
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.Year is >= 1900 and <= 2200 ? AmsterdamTime.StartOfDay(endOfDay ? date.AddDays(1) : date).ToUniversalTime() : null;
        }

        return InstantJsonConverter.HasOffset(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && instant.Year is >= 1900 and <= 2200
            ? instant.ToUniversalTime()
            : null;
    }
}
