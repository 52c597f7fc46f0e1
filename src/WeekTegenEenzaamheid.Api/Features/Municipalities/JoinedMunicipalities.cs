namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>
/// The municipalities the programme office marked as joined for one edition (<c>joined_municipalities</c>, migration 0010),
/// in the order of their names as the CBS list spells them; <c>count</c> is the length of <c>municipalities</c>.
/// </summary>
public sealed record JoinedMunicipalityList(int Year, int Count, IReadOnlyList<JoinedMunicipality> Municipalities);

/// <summary>One joined municipality: its CBS code, name and province, and when it was first marked joined (UTC).</summary>
public sealed record JoinedMunicipality(string Code, string Name, string Province, DateTimeOffset JoinedAt);

/// <summary>The SQL and the mapping the joined-municipality slices share.</summary>
internal static class JoinedMunicipalityRows
{
    public const string SelectByYear = """
        SELECT j.municipality_code AS Code, j.joined_at AS JoinedAt
        FROM joined_municipalities j
        WHERE j.year = @Year
        """;

    public static JoinedMunicipalityList ToList(int year, IEnumerable<Row> rows, MunicipalityDirectory directory)
    {
        var entries = rows
            .Select(row => directory.Find(row.Code) is { } municipality
                ? new JoinedMunicipality(municipality.Code, municipality.Name, municipality.Province, row.JoinedAt)
                : new JoinedMunicipality(row.Code, row.Code, MunicipalityDirectory.UnknownProvince, row.JoinedAt))
            .OrderBy(entry => entry.Name, MunicipalityDirectory.DutchNames)
            .ThenBy(entry => entry.Code, StringComparer.Ordinal)
            .ToArray();
        return new JoinedMunicipalityList(year, entries.Length, entries);
    }

    internal sealed record Row
    {
        public required string Code { get; init; }

        public DateTimeOffset JoinedAt { get; init; }
    }
}
