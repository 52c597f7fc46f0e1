namespace WeekTegenEenzaamheid.Api.Features.Reports;

/// <summary>
/// The colour classes of the report map: <c>wte-map__bucket-0</c> for a municipality without published activities, then
/// four ranges of activities. Fixed ranges, not quantiles of the year: the same colour means the same numbers in every
/// year, and the legend can name them. The steps grow about threefold, so a small edition (a few per municipality) and
/// a large one (an average near 30, the letter's 10,000 activities over 342 municipalities) both use every colour.
/// </summary>
public static class MapBuckets
{
    /// <summary>The lowest count of buckets 1 to 4 (bucket 0 is 0 activities).</summary>
    public static readonly int[] Lowest = [1, 3, 10, 30];

    /// <summary>How many buckets there are, bucket 0 (no activities) included.</summary>
    public static int Count => Lowest.Length + 1;

    /// <summary>The bucket of a number of activities, 0 to 4.</summary>
    public static int Of(int activities) => activities <= 0 ? 0 : Lowest.Count(lowest => activities >= lowest);

    /// <summary>The class that colours a bucket (site.css); the map's shapes and the legend's swatches share it.</summary>
    public static string CssClass(int bucket) => $"wte-map__bucket-{bucket}";

    /// <summary>The legend's words for a bucket: "Geen activiteiten", "1 tot en met 2 activiteiten", …, "30 of meer
    /// activiteiten".</summary>
    public static string Range(int bucket) => bucket switch
    {
        0 => "Geen activiteiten",
        _ when bucket == Lowest.Length => $"{Lowest[^1]} of meer activiteiten",
        _ when Lowest[bucket] - 1 == Lowest[bucket - 1] =>
            $"{Lowest[bucket - 1]} {(Lowest[bucket - 1] == 1 ? "activiteit" : "activiteiten")}",
        _ => $"{Lowest[bucket - 1]} tot en met {Lowest[bucket] - 1} activiteiten",
    };
}
