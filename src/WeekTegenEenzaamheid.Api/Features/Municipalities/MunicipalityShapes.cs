using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>One municipality's outline as SVG path data in the map's own units (see <see cref="MunicipalityShapes"/>).</summary>
public sealed record MunicipalityShape(string Code, string Name, string PathData);

/// <summary>
/// The outlines of the municipalities for the report map, from db/seed/gemeenten-2024.topojson (embedded; CBS / Kadaster,
/// CC BY 4.0, see db/seed/SOURCES.md). No kept NuGet package reads TopoJSON (NetTopologySuite reads GeoJSON only), so
/// this decodes it itself: quantized, delta-encoded arcs and the file's transform, rings stitched from arcs (a negative
/// index is the arc reversed, and each arc after the first repeats the previous one's last point). The file is in WGS 84
/// longitude/latitude; the projection is equirectangular around 52° N (x scaled by cos 52°), which for a country this
/// small is within a few per cent of a proper one. One unit is 0.001° of latitude (about 111 m); coordinates are whole
/// units, so the paths of all 342 municipalities come to about 80 kB. The geometry never changes: a singleton reads it
/// once per process.
/// </summary>
public sealed class MunicipalityShapes
{
    /// <summary>The embedded TopoJSON's resource name and its one object of municipalities.</summary>
    public const string Resource = "db.seed.gemeenten-2024.topojson";

    private const string ObjectName = "gemeente_2024";

    private const double UnitsPerDegree = 1000;

    private const int Margin = 10;

    private static readonly double XScale = Math.Cos(52 * Math.PI / 180);

    public MunicipalityShapes()
    {
        using var stream = typeof(MunicipalityShapes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException("The municipality boundaries are not embedded.");
        using var topology = JsonDocument.Parse(stream);
        var root = topology.RootElement;
        var transform = root.GetProperty("transform");
        var scale = Pair(transform.GetProperty("scale"));
        var translate = Pair(transform.GetProperty("translate"));
        var arcs = root.GetProperty("arcs").EnumerateArray()
            .Select(arc => Decode(arc, scale, translate))
            .ToArray();

        var all = arcs.SelectMany(arc => arc).ToArray();
        var west = all.Min(point => point.Lon);
        var north = all.Max(point => point.Lat);
        Width = (int)Math.Ceiling((all.Max(point => point.Lon) - west) * XScale * UnitsPerDegree) + (2 * Margin);
        Height = (int)Math.Ceiling((north - all.Min(point => point.Lat)) * UnitsPerDegree) + (2 * Margin);
        (int X, int Y) Project((double Lon, double Lat) point) => (
            (int)Math.Round(((point.Lon - west) * XScale * UnitsPerDegree) + Margin),
            (int)Math.Round(((north - point.Lat) * UnitsPerDegree) + Margin));

        All = root.GetProperty("objects").GetProperty(ObjectName).GetProperty("geometries").EnumerateArray()
            .Select(geometry => new MunicipalityShape(
                geometry.GetProperty("properties").GetProperty("statcode").GetString()!,
                geometry.GetProperty("properties").GetProperty("statnaam").GetString()!,
                PathData(Polygons(geometry).SelectMany(polygon => polygon), arcs, Project)))
            .OrderBy(shape => shape.Code, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The width of the map in its units (the SVG's viewBox is 0 0 Width Height).</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Every municipality of the file, by CBS code.</summary>
    public IReadOnlyList<MunicipalityShape> All { get; }

    private static (double X, double Y) Pair(JsonElement pair) => (pair[0].GetDouble(), pair[1].GetDouble());

    private static (double Lon, double Lat)[] Decode(JsonElement arc, (double X, double Y) scale, (double X, double Y) translate)
    {
        var points = new List<(double, double)>();
        long x = 0, y = 0;
        foreach (var position in arc.EnumerateArray())
        {
            x += position[0].GetInt64();
            y += position[1].GetInt64();
            points.Add(((x * scale.X) + translate.X, (y * scale.Y) + translate.Y));
        }

        return [.. points];
    }

    /// <summary>The rings of a Polygon (one list) or a MultiPolygon (one list per polygon), each as its arc indexes.</summary>
    private static IEnumerable<IEnumerable<int[]>> Polygons(JsonElement geometry)
    {
        var arcs = geometry.GetProperty("arcs");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [Rings(arcs)],
            "MultiPolygon" => arcs.EnumerateArray().Select(Rings).ToArray(),
            var other => throw new InvalidOperationException($"A municipality of type {other} cannot be drawn."),
        };
    }

    private static int[][] Rings(JsonElement polygon) =>
        [.. polygon.EnumerateArray().Select(ring => ring.EnumerateArray().Select(index => index.GetInt32()).ToArray())];

    private static string PathData(
        IEnumerable<int[]> rings, (double Lon, double Lat)[][] arcs, Func<(double, double), (int X, int Y)> project)
    {
        var path = new StringBuilder();
        foreach (var ring in rings)
        {
            var points = new List<(int X, int Y)>();
            foreach (var index in ring)
            {
                var arc = index >= 0 ? arcs[index] : [.. arcs[~index].Reverse()];
                foreach (var point in arc.Skip(points.Count == 0 ? 0 : 1).Select(project))
                {
                    // Whole units make neighbouring points coincide; a repeated point draws nothing.
                    if (points.Count == 0 || points[^1] != point)
                    {
                        points.Add(point);
                    }
                }
            }

            if (points.Count < 3)
            {
                continue;
            }

            path.Append(path.Length == 0 ? "M" : " M");
            path.AppendJoin(' ', points.Select(point => string.Create(CultureInfo.InvariantCulture, $"{point.X} {point.Y}")));
            path.Append('Z');
        }

        return path.ToString();
    }
}
