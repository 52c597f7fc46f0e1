using System.Text.RegularExpressions;
using WeekTegenEenzaamheid.Api;
using WeekTegenEenzaamheid.Tests.Infrastructure;

namespace WeekTegenEenzaamheid.Tests.Platform;

public sealed partial class AmsterdamTimeTests
{
    [Fact]
    public void AmsterdamTime_TextsForPeople_AreAmsterdamTimeWhateverTheOffsetGiven()
    {
        var winter = new DateTimeOffset(2026, 11, 30, 9, 3, 0, TimeSpan.Zero);
        var summer = new DateTimeOffset(2027, 10, 1, 12, 0, 0, TimeSpan.Zero);

        AmsterdamTime.Short(winter).ShouldBe("2026-11-30 10:03");
        AmsterdamTime.Long(winter.ToOffset(TimeSpan.FromHours(-5))).ShouldBe("maandag 30 november 2026, 10:03");
        AmsterdamTime.Span(summer, summer.AddHours(2)).ShouldBe("vrijdag 1 oktober 2027, 14:00 – 16:00");
        AmsterdamTime.Span(summer, summer.AddDays(1)).ShouldBe("vrijdag 1 oktober 2027, 14:00 – zaterdag 2 oktober 2027, 14:00");
    }

    /// <summary>Instants reach people only through AmsterdamTime: no other file formats a time of day or a round-trip instant.</summary>
    [Fact]
    public void AmsterdamTime_IsTheOnlyPlaceThatFormatsInstantsForPeople()
    {
        var source = Repository.PathOf("src", "WeekTegenEenzaamheid.Api");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => Path.GetFileName(file) is not ("AmsterdamTime.cs" or "TypeHandlers.cs" or "InstantJsonConverter.cs"))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, index, line)))
            .Where(hit => InstantFormat().IsMatch(hit.line))
            .Select(hit => $"{Path.GetRelativePath(source, hit.file)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [GeneratedRegex("""HH:mm|:O\}|:o\}|ToString\("[Oo]"|:s\}|:u\}|ToString\("[su]"\)""")]
    private static partial Regex InstantFormat();
}
