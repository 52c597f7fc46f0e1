using System.Globalization;
using System.Text.Json.Serialization;
using CsvHelper;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Reports;

/// <summary>
/// The figures of the programme's annual letter to parliament, for one edition, as JSON or as CSV.
/// Each figure is one aggregate query over the edition's rows, served by the indexes of migration
/// 0004. None reads a participant's name or address, and the sign-up counts come from
/// activities.seats_taken, so the retention job leaves the report as it was. Which rows count where
/// is written down in the README ("The edition report").
/// </summary>
public static class GetEditionReport
{
    public const string Path = "/api/reports/editions/{year:int}";

    public sealed record Query(int Year) : IQuery<Result<EditionReport>>;

    public sealed record EditionReport(
        int Year,
        ActivityFigures Activities,
        MunicipalityFigures Municipalities,
        KitOrderFigures KitOrders,
        ParticipantFigures Participants,
        IReadOnlyDictionary<string, int> ItemsShipped)
    {
        /// <summary>The Dutch names of the SKUs in <see cref="ItemsShipped"/>, for the CSV.</summary>
        [JsonIgnore]
        public IReadOnlyDictionary<string, string> ItemNames { get; init; } = new Dictionary<string, string>();
    }

    public sealed record ActivityFigures(
        int Published,
        int Cancelled,
        IReadOnlyDictionary<string, int> ByProvince,
        IReadOnlyDictionary<string, int> ByType,
        IReadOnlyDictionary<string, int> ByTargetGroup);

    /// <summary>
    /// <c>share</c> = withActivity / total. <c>joined</c>: the municipalities the programme office marked as joined for the
    /// year (<see cref="Municipalities.SetJoinedMunicipalities"/>); <c>joinedWithActivity</c>: those of them with at least
    /// one published activity. <c>joinedShare</c> = joined / total (api.md's name; the letter's "80 % joined");
    /// <c>joinedWithActivityShare</c> = joinedWithActivity / joined (the letter's "90 % of those organised something"),
    /// and null when none joined: a share of nothing is not 0 %, and a 0 would read as "none of them took part". All
    /// shares are fractions 0..1 rounded to 4 decimals, as <c>share</c> always was.
    /// </summary>
    public sealed record MunicipalityFigures(
        int WithActivity,
        int Total,
        double Share,
        int Joined,
        int JoinedWithActivity,
        double JoinedShare,
        double? JoinedWithActivityShare,
        IReadOnlyList<MunicipalityEntry> List);

    public sealed record MunicipalityEntry(string Code, string Name, string Province, int Activities);

    public sealed record KitOrderFigures(IReadOnlyDictionary<string, int> ByStatus, int Requested, int KitsShipped);

    /// <summary><c>reportedAttendance</c> is a number, as api.md lists it beside the others; <c>attendance</c> breaks it down.</summary>
    public sealed record ParticipantFigures(long Expected, long ExpectedWithKit, long Confirmed, long ReportedAttendance,
        AttendanceFigures Attendance);

    /// <summary>Reported where the initiator gave a number, expected where not, and the two together.</summary>
    public sealed record AttendanceFigures(int ActivitiesReporting, long Reported, int ActivitiesNotReporting,
        long ExpectedWhereNotReported, long Total);

    // A cancelled activity counts only if it had been published: one cancelled before its contact
    // verified the e-mail address was never public.
    private const string ActivitiesByStatus = """
        SELECT a.status AS Name, COUNT(1) AS Number
        FROM activities a
        WHERE a.year = @Year AND a.status IN ('published', 'cancelled') AND a.verified_at IS NOT NULL
        GROUP BY a.status
        """;

    private const string ActivitiesByMunicipality = """
        SELECT a.municipality_code AS Name, COUNT(1) AS Number
        FROM activities a
        WHERE a.year = @Year AND a.status = 'published'
        GROUP BY a.municipality_code
        """;

    private const string ActivitiesByType = """
        SELECT a.type AS Name, COUNT(1) AS Number
        FROM activities a
        WHERE a.year = @Year AND a.status = 'published'
        GROUP BY a.type
        """;

    // One row per combination of groups (",elderly,everyone,"): at most a few hundred, split in the handler.
    private const string ActivitiesByTargetGroups = """
        SELECT a.target_groups AS Name, COUNT(1) AS Number
        FROM activities a
        WHERE a.year = @Year AND a.status = 'published'
        GROUP BY a.target_groups
        """;

    // seats_taken is the sum of the confirmed party sizes, kept by every sign-up, cancellation and
    // promotion; it needs no pass over the sign-ups and survives their erasure. Sums are BIGINT: a
    // hundred thousand activities may report more people than an INT holds.
    private const string Participants = """
        SELECT
            COALESCE(SUM(CAST(a.expected_participants AS BIGINT)), 0) AS Expected,
            COALESCE(SUM(CAST(a.seats_taken AS BIGINT)), 0) AS Confirmed,
            COALESCE(SUM(CASE WHEN a.attended IS NOT NULL THEN 1 ELSE 0 END), 0) AS ActivitiesReporting,
            COALESCE(SUM(CASE WHEN a.attended IS NOT NULL THEN CAST(a.attended AS BIGINT) ELSE 0 END), 0) AS Reported,
            COALESCE(SUM(CASE WHEN a.attended IS NULL THEN 1 ELSE 0 END), 0) AS ActivitiesNotReporting,
            COALESCE(SUM(CASE WHEN a.attended IS NULL THEN CAST(a.expected_participants AS BIGINT) ELSE 0 END), 0)
                AS ExpectedWhereNotReported
        FROM activities a
        WHERE a.year = @Year AND a.status = 'published'
        """;

    // "The kit was requested N times, for activities with at least M participants": the expected
    // participants of the published activities with an order that is not cancelled (at most one each).
    private const string ExpectedWithKit = """
        SELECT COALESCE(SUM(CAST(a.expected_participants AS BIGINT)), 0)
        FROM activities a
        WHERE a.year = @Year AND a.status = 'published'
          AND EXISTS (SELECT 1 FROM kit_orders o WHERE o.activity_id = a.id AND o.status <> 'cancelled')
        """;

    private const string KitOrdersByStatus = """
        SELECT o.status AS Name, COUNT(1) AS Number
        FROM kit_orders o
        WHERE o.year = @Year
        GROUP BY o.status
        """;

    // The same states as KitOrderStatus.LeftTheWarehouse: the kits that are counted as shipped. The
    // names are joined to the few sums, not to every line.
    private const string ItemsShippedBySku = """
        SELECT i.sku AS Sku, i.name AS Name, shipped.Quantity AS Quantity
        FROM (
            SELECT l.sku AS Sku, SUM(l.quantity) AS Quantity
            FROM kit_orders o
            JOIN kit_order_lines l ON l.order_id = o.id
            WHERE o.year = @Year AND o.status IN ('shipped', 'delivered', 'deliveryFailed')
            GROUP BY l.sku
        ) shipped
        JOIN kit_items i ON i.sku = shipped.Sku
        """;

    private const string JoinedMunicipalities = """
        SELECT j.municipality_code
        FROM joined_municipalities j
        WHERE j.year = @Year
        """;

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Result<EditionReport>>
    {
        public async Task<Result<EditionReport>> Handle(Query request, CancellationToken cancellationToken)
        {
            // As GET /api/editions/{year}: every year the service can hold has a report, all zeros when nothing happened.
            if (request.Year is < SetEdition.FirstYear or > SetEdition.LastYear)
            {
                return Error.NotFound("Edition");
            }

            var edition = new { request.Year };
            async Task<T[]> ReadAsync<T>(string sql) => [.. await session.QueryAsync<T>(sql, edition, cancellationToken)];

            var byStatus = (await ReadAsync<Tally>(ActivitiesByStatus)).ToDictionary(row => row.Name, row => row.Number);
            var byMunicipality = await ReadAsync<Tally>(ActivitiesByMunicipality);
            var byType = await ReadAsync<Tally>(ActivitiesByType);
            var byTargetGroups = await ReadAsync<Tally>(ActivitiesByTargetGroups);
            var people = (await ReadAsync<People>(Participants)).Single();
            var expectedWithKit = await session.ExecuteScalarAsync<long>(ExpectedWithKit, edition, cancellationToken);
            var kitOrders = Fold(KitOrderStatus.All, (await ReadAsync<Tally>(KitOrdersByStatus)).Select(row => (row.Name, row.Number)));
            var joined = (await ReadAsync<string>(JoinedMunicipalities)).ToHashSet(StringComparer.Ordinal);
            var items = (await ReadAsync<ShippedItem>(ItemsShippedBySku)).OrderBy(item => item.Sku, StringComparer.Ordinal).ToArray();

            var list = byMunicipality
                .Select(row => municipalities.Find(row.Name) is { } municipality
                    ? new MunicipalityEntry(municipality.Code, municipality.Name, municipality.Province, row.Number)
                    : new MunicipalityEntry(row.Name, row.Name, MunicipalityDirectory.UnknownProvince, row.Number))
                .OrderBy(entry => entry.Name, MunicipalityDirectory.DutchNames)
                .ThenBy(entry => entry.Code, StringComparer.Ordinal)
                .ToArray();
            var total = municipalities.All.Count;
            var joinedWithActivity = list.Count(entry => joined.Contains(entry.Code));

            return new EditionReport(
                request.Year,
                new ActivityFigures(
                    byStatus.GetValueOrDefault(ActivityStatus.Published),
                    byStatus.GetValueOrDefault(ActivityStatus.Cancelled),
                    Fold(municipalities.Provinces, list.Select(entry => (entry.Province, entry.Activities))),
                    Fold(ActivityRules.Types, byType.Select(row => (row.Name, row.Number))),
                    Fold(ActivityRules.TargetGroups, byTargetGroups.SelectMany(row => TargetGroupsColumn.Split(row.Name).Select(group =>
                        (group, row.Number))))),
                new MunicipalityFigures(
                    list.Length,
                    total,
                    Share(list.Length, total),
                    joined.Count,
                    joinedWithActivity,
                    Share(joined.Count, total),
                    joined.Count == 0 ? null : Share(joinedWithActivity, joined.Count),
                    list),
                new KitOrderFigures(
                    kitOrders,
                    kitOrders.Where(status => status.Key != KitOrderStatus.Cancelled).Sum(status => status.Value),
                    KitOrderStatus.LeftTheWarehouse.Sum(status => kitOrders[status])),
                new ParticipantFigures(
                    people.Expected,
                    expectedWithKit,
                    people.Confirmed,
                    people.Reported,
                    new AttendanceFigures(
                        people.ActivitiesReporting,
                        people.Reported,
                        people.ActivitiesNotReporting,
                        people.ExpectedWhereNotReported,
                        people.Reported + people.ExpectedWhereNotReported)),
                Fold([], items.Select(item => (item.Sku, item.Quantity))))
            {
                ItemNames = items.ToDictionary(item => item.Sku, item => item.Name),
            };
        }

        private static double Share(int part, int whole) => Math.Round((double)part / whole, 4);

        /// <summary>Every known name in its order, 0 where nothing was counted; a name the code does not know comes after them.</summary>
        private static OrderedDictionary<string, int> Fold(IEnumerable<string> known, IEnumerable<(string Name, int Number)> counted)
        {
            var folded = new OrderedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in known)
            {
                folded[name] = 0;
            }

            foreach (var (name, number) in counted)
            {
                folded[name] = folded.TryGetValue(name, out var sum) ? sum + number : number;
            }

            return folded;
        }
    }

    private sealed record Tally
    {
        public required string Name { get; init; }

        public int Number { get; init; }
    }

    private sealed record People
    {
        public long Expected { get; init; }

        public long Confirmed { get; init; }

        public int ActivitiesReporting { get; init; }

        public long Reported { get; init; }

        public int ActivitiesNotReporting { get; init; }

        public long ExpectedWhereNotReported { get; init; }
    }

    private sealed record ShippedItem
    {
        public required string Sku { get; init; }

        public required string Name { get; init; }

        public int Quantity { get; init; }
    }

    /// <summary>
    /// The report for Excel (<see cref="ExcelCsv"/>): one section per figure, each a title row, a row of
    /// Dutch headers, its rows and an empty line. Numbers are plain integers; shares are Dutch percentages.
    /// </summary>
    public static byte[] ToCsv(EditionReport report) => ExcelCsv.Write(csv =>
    {
        csv.WriteRow("Week tegen Eenzaamheid", Number(report.Year));
        csv.NextRecord();

        var activities = report.Activities;
        Section(csv, "Activiteiten", ["Status", "Aantal activiteiten"], [
            ["Gepubliceerd", Number(activities.Published)],
            ["Geannuleerd", Number(activities.Cancelled)],
        ]);
        Section(csv, "Activiteiten per provincie", ["Provincie", "Aantal activiteiten"], Rows(activities.ByProvince, province => province));
        Section(csv, "Activiteiten per soort", ["Soort", "Aantal activiteiten"], Rows(activities.ByType, ActivityLabels.Type));
        Section(csv, "Activiteiten per doelgroep", ["Doelgroep", "Aantal activiteiten"], Rows(activities.ByTargetGroup,
            ActivityLabels.TargetGroup));

        var municipalities = report.Municipalities;
        Section(csv, "Gemeenten", ["Cijfer", "Waarde"], [
            ["Gemeenten met ten minste één activiteit", Number(municipalities.WithActivity)],
            ["Gemeenten in totaal", Number(municipalities.Total)],
            ["Aandeel", Percentage(municipalities.Share)],
            ["Aangesloten gemeenten", Number(municipalities.Joined)],
            ["Aangesloten gemeenten met ten minste één activiteit", Number(municipalities.JoinedWithActivity)],
            ["Aandeel aangesloten gemeenten (van alle gemeenten)", Percentage(municipalities.JoinedShare)],
            ["Aandeel aangesloten gemeenten met een activiteit", Percentage(municipalities.JoinedWithActivityShare)],
        ]);
        Section(csv, "Gemeenten met een activiteit", ["CBS-code", "Gemeente", "Provincie", "Aantal activiteiten"],
            municipalities.List.Select(entry => new[] { entry.Code, entry.Name, entry.Province, Number(entry.Activities) }));

        var kitOrders = report.KitOrders;
        Section(csv, "Kom-Erbij pakketten per status", ["Status", "Aantal bestellingen"], Rows(kitOrders.ByStatus, KitOrderStatus.InDutch));
        Section(csv, "Kom-Erbij pakketten", ["Cijfer", "Aantal"], [
            ["Aangevraagd (bestellingen die niet zijn geannuleerd)", Number(kitOrders.Requested)],
            ["Verzonden (verzonden, bezorgd of bezorging mislukt)", Number(kitOrders.KitsShipped)],
        ]);

        var participants = report.Participants;
        Section(csv, "Deelnemers", ["Cijfer", "Aantal"], [
            ["Verwacht bij alle gepubliceerde activiteiten", Number(participants.Expected)],
            ["Verwacht bij activiteiten met een Kom-Erbij pakket", Number(participants.ExpectedWithKit)],
            ["Bevestigde aanmeldingen (personen)", Number(participants.Confirmed)],
        ]);
        var attendance = participants.Attendance;
        Section(csv, "Opkomst", ["Cijfer", "Aantal"], [
            ["Activiteiten die de opkomst doorgaven", Number(attendance.ActivitiesReporting)],
            ["Doorgegeven opkomst", Number(attendance.Reported)],
            ["Activiteiten zonder doorgegeven opkomst", Number(attendance.ActivitiesNotReporting)],
            ["Verwacht bij activiteiten zonder doorgegeven opkomst", Number(attendance.ExpectedWhereNotReported)],
            ["Opkomst (doorgegeven waar bekend, anders verwacht)", Number(attendance.Total)],
        ]);

        Section(csv, "Verzonden artikelen", ["Artikelnummer", "Artikel", "Aantal"],
            report.ItemsShipped.Select(item => new[] { item.Key, report.ItemNames.GetValueOrDefault(item.Key, item.Key),
                Number(item.Value) }));
    });

    private static void Section(CsvWriter csv, string title, string[] header, IEnumerable<string[]> rows)
    {
        csv.WriteRow(title);
        csv.WriteRow(header);
        foreach (var row in rows)
        {
            csv.WriteRow(row);
        }

        csv.NextRecord();
    }

    private static IEnumerable<string[]> Rows(IReadOnlyDictionary<string, int> counts, Func<string, string> label) =>
        counts.Select(count => new[] { label(count.Key), Number(count.Value) });

    private static string Number(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>A share as a Dutch percentage ("80,0%"); an empty cell where there is no share (none joined).</summary>
    public static string Percentage(double? share) =>
        share is { } value ? (value * 100).ToString("0.0", ActivityLabels.Dutch) + "%" : string.Empty;

    public static async Task<Results<Ok<EditionReport>, FileContentHttpResult, ProblemHttpResult>> Endpoint(
        int year, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(year), ct)).Match<Results<Ok<EditionReport>, FileContentHttpResult, ProblemHttpResult>>(
            report => ExcelCsv.IsAccepted(request)
                ? TypedResults.File(ToCsv(report), ExcelCsv.ContentType + "; charset=utf-8", $"week-tegen-eenzaamheid-{year}.csv")
                : TypedResults.Ok(report),
            error => Problems.From(error));
}
