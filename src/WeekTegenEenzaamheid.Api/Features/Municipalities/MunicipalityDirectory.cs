using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

public sealed record Municipality(string Code, string Name, string Province);

/// <summary>
/// The CBS list of municipalities (db/seed/gemeenten.csv, embedded). Reference data that changes by
/// a data change only, so it is read once; match on code, never on name.
/// </summary>
public sealed class MunicipalityDirectory
{
    /// <summary>The province of a municipality code that a later CBS list no longer holds (municipalities merge).</summary>
    public const string UnknownProvince = "onbekend";

    /// <summary>The order of municipality names in lists and reports: Dutch, ignoring case.</summary>
    public static readonly StringComparer DutchNames = StringComparer.Create(CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true);

    private readonly Dictionary<string, Municipality> byCode;
    private readonly Dictionary<string, string[]> codesByProvince;

    public MunicipalityDirectory()
    {
        using var stream = typeof(MunicipalityDirectory).Assembly.GetManifestResourceStream("db.seed.gemeenten.csv")
            ?? throw new InvalidOperationException("The municipality list is not embedded.");
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        All = csv.GetRecords<Row>().Select(row => new Municipality(row.code, row.name, row.province)).OrderBy(m => m.Code,
            StringComparer.Ordinal).ToArray();
        byCode = All.ToDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase);
        codesByProvince = All.GroupBy(m => m.Province, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Select(m => m.Code).ToArray(), StringComparer.OrdinalIgnoreCase);
        Provinces = codesByProvince.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Municipality> All { get; }

    public IReadOnlyList<string> Provinces { get; }

    public Municipality? Find(string? code) => code is not null && byCode.TryGetValue(code, out var municipality) ? municipality : null;

    /// <summary>For the pages' address bar ("?gemeente=Utrecht"): a code, or else a name as the CBS list spells it, any case.</summary>
    public Municipality? FindByCodeOrName(string? codeOrName) =>
        Find(codeOrName) ?? All.FirstOrDefault(m => string.Equals(m.Name, codeOrName?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A name with a CBS province suffix ("Beek (L.)", "Hengelo (O.)"), as other CBS products spell six of them: the
    /// municipality of the name before the suffix, or null.
    /// </summary>
    public Municipality? FindByNameWithoutSuffix(string name)
    {
        var open = name.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && name.EndsWith(')') ? FindByCodeOrName(name[..open]) : null;
    }

    public string[]? CodesOf(string? province) => province is not null && codesByProvince.TryGetValue(province, out var codes) ? codes
        : null;

    public string? ProvinceName(string? province) => CodesOf(province) is null ? null : Provinces.First(p => string.Equals(p, province,
        StringComparison.OrdinalIgnoreCase));

#pragma warning disable IDE1006, SA1300 // CsvHelper maps the CSV's lower-case header names.
    private sealed record Row(string code, string name, string province);
#pragma warning restore IDE1006, SA1300
}
