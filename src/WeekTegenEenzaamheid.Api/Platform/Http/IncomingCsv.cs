using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace WeekTegenEenzaamheid.Api.Platform.Http;

/// <summary>
/// Spreadsheet files as people upload them (after <see cref="IncomingText"/> decoded them): the separator Dutch Excel
/// writes (<c>;</c>), the one others write (<c>,</c>) or a tab, found in the first line, or named by Excel's own hint
/// line <c>sep=;</c>; cells trimmed, blank lines and short rows allowed, and a malformed row (an unclosed quote)
/// noted by its line number instead of stopping the file.
/// </summary>
public static class IncomingCsv
{
    /// <summary>The message a row with malformed quoting gets in <see cref="Open"/>'s problems.</summary>
    public const string BadQuoting = "A quote is not closed or stands inside an unquoted field.";

    private static readonly string[] LineBreaks = ["\r\n", "\n", "\r"];

    /// <summary>
    /// The file's separator and whether its first line is Excel's <c>sep=</c> hint (to be read past). Without a hint the
    /// most frequent of <paramref name="candidates"/> in the first non-blank line; a tie goes to the earlier candidate.
    /// </summary>
    public static (string Delimiter, bool HintLine) Sniff(string text, params char[] candidates)
    {
        var firstLine = text.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault() ?? string.Empty;
        return firstLine.Length == 5 && firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)
            ? (firstLine[4..], true)
            : (candidates.MaxBy(candidate => firstLine.Count(c => c == candidate)).ToString(), false);
    }

    /// <summary>
    /// A reader of <paramref name="text"/> by <paramref name="delimiter"/>, every record read as raw fields (no header
    /// mapping); each row with malformed quoting is added to <paramref name="problems"/> under its line number.
    /// </summary>
    public static CsvReader Open(string text, string delimiter, IDictionary<int, string> problems) =>
        new(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
            HasHeaderRecord = false,
            BadDataFound = bad => problems.TryAdd(bad.Context.Parser!.RawRow, BadQuoting),
        });
}
