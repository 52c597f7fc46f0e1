using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// Shipments from the carrier's or the warehouse's CSV export: header <c>reference,carrier,trackingNumber</c>
/// (commas, as api.md has it). Files are read as Dutch Excel and carriers' software write them: any encoding
/// <see cref="IncomingText"/> recognises, <c>,</c> or <c>;</c> (taken from the header line, or a <c>sep=</c> line),
/// quoted fields, blank lines and rows of only separators skipped, stray empty columns ignored, CRLF, LF or CR.
/// Each row is its own <see cref="RecordShipment"/> command behind a savepoint, so a bad row is
/// rolled back and reported and never blocks the good ones; importing the same file twice ships
/// nothing twice. Rows are committed <see cref="RowsPerTransaction"/> at a time: one commit per row
/// made the import the slowest step of the warehouse day (see scripts/bench/RESULTS.md).
/// </summary>
public static class ImportShipments
{
    public const string ContentType = "text/csv";

    public static readonly string[] Header = ["reference", "carrier", "trackingNumber"];

    /// <summary>What the OpenAPI document tells a client about the file and the answer.</summary>
    public const string Description =
        "The body is the CSV file itself, header `reference,carrier,trackingNumber`, separated by `,` or `;` (or as an Excel "
        + "`sep=` line says). Encoding: a byte order mark (UTF-8, UTF-16) first, then the charset of the Content-Type, else "
        + "UTF-8 when the bytes are valid UTF-8 and Windows-1252 when not. Quoted fields, blank rows, trailing empty columns "
        + "and CRLF, LF or CR line ends are read. The answer counts shipped, unchanged and failed rows and the failures per "
        + "code (`failedByCode`); `rows` lists every shipped or unchanged row and the first 100 failed rows in full "
        + "(`line` counts from the header, line 1); `failedRowsLeftOut` counts the failed rows not listed.";

    /// <summary>Failed rows beyond this many are only counted: a file of junk must not make a response many times its size.</summary>
    public const int FailedRowsInFull = 100;

    private const int RowsPerTransaction = 100;

    // Not a command on purpose: the handler commits its own groups of rows, not one transaction for the file.
    /// <summary>
    /// The request body as sent, its Content-Type header (for the charset), and the staff member who imports it (<see
    /// cref="StaffIdentity.Id"/>, kept in the history by id).
    /// </summary>
    public sealed record Command(byte[] Content, string? ContentType, Guid? StaffId = null) : IRequest<Result<Report>>;

    /// <summary>
    /// Counts per outcome and per failure code (<c>failedByCode</c>); <c>rows</c> holds every shipped or unchanged row
    /// and the first <see cref="FailedRowsInFull"/> failed rows, in file order; <c>failedRowsLeftOut</c> counts the others.
    /// </summary>
    public sealed record Report(
        int Shipped,
        int Unchanged,
        int Failed,
        IReadOnlyDictionary<string, int> FailedByCode,
        IReadOnlyList<RowResult> Rows,
        int FailedRowsLeftOut);

    /// <summary><c>line</c> is the line in the file (the header is line 1); <c>outcome</c> is shipped, alreadyShipped or failed.</summary>
    public sealed record RowResult(int Line, string? Reference, string Outcome, string? Code, string? Message);

    // The CSV is the body itself; routing answers 415 to any other content type (the route's Accepts metadata).
    public static async Task<Results<Ok<Report>, ProblemHttpResult>> Endpoint(
        HttpRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken ct)
    {
        using var content = new MemoryStream();
        await request.Body.CopyToAsync(content, ct);
        return (await mediator.Send(new Command(content.ToArray(), request.ContentType, StaffIdentity.Id(user)), ct))
            .ToHttp(TypedResults.Ok);
    }

    internal sealed class Handler(IMediator mediator, DbSession session) : IRequestHandler<Command, Result<Report>>
    {
        public async Task<Result<Report>> Handle(Command request, CancellationToken cancellationToken)
        {
            var decoded = IncomingText.Decode(request.Content, request.ContentType);
            if (decoded.Text is null)
            {
                return Error.Unprocessable("csvEncoding", "body", decoded.Problem!);
            }

            var parsed = Parse(decoded.Text);
            if (parsed is null)
            {
                return Error.Unprocessable("csvHeader", "header", $"The first line must be the header {string.Join(',', Header)}.");
            }

            var rows = await session.StepwiseAsync(parsed, RowsPerTransaction, async row =>
            {
                var result = row.Problem is null
                    ? await ShipAsync(row.Line, row.Fields, request.StaffId, cancellationToken)
                    : new RowResult(row.Line, Reference(row.Fields), "failed", "malformedRow", row.Problem);
                return (result, result.Outcome != "failed");
            }, cancellationToken);

            var failed = rows.Where(row => row.Outcome == "failed").ToList();
            var shown = failed.Take(FailedRowsInFull).ToHashSet();
            return new Report(
                rows.Count(row => row.Outcome == "shipped"),
                rows.Count(row => row.Outcome == "alreadyShipped"),
                failed.Count,
                failed.GroupBy(row => row.Code!).OrderBy(group => group.Key, StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Count()),
                [.. rows.Where(row => row.Outcome != "failed" || shown.Contains(row))],
                failed.Count - shown.Count);
        }

        /// <summary>The data rows with their line numbers, or null when the file does not start with the header.</summary>
        private static List<ParsedRow>? Parse(string text)
        {
            var (delimiter, hintLine) = IncomingCsv.Sniff(text, ',', ';');
            var hintLines = hintLine ? 1 : 0;
            var problems = new Dictionary<int, string>();
            using var csv = IncomingCsv.Open(text, delimiter, problems);
            for (var i = 0; i <= hintLines; i++)
            {
                if (!csv.Read())
                {
                    return null;
                }
            }

            if (!HasHeader(csv.Parser.Record))
            {
                return null;
            }

            var rows = new List<ParsedRow>();
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var fields = WithoutStrayEmptyColumns(csv.Parser.Record ?? []);
                if (fields.Length == 0)
                {
                    continue;
                }

                var problem = problems.GetValueOrDefault(line)
                    ?? (fields.Length != Header.Length
                        ? $"Expected {Header.Length} fields separated by '{delimiter}', found {fields.Length}."
                        : null);
                rows.Add(new ParsedRow(line, fields, problem));
            }

            return rows;
        }

        // Excel writes the empty cells of a sheet's used range as trailing separators ("a;b;c;;").
        private static string[] WithoutStrayEmptyColumns(string[] fields)
        {
            var length = fields.Length;
            while (length > 0 && fields[length - 1].Length == 0)
            {
                length--;
            }

            return fields[..length];
        }

        private static string? Reference(string[] fields) => fields.Length > 0 && fields[0].Length > 0 ? fields[0] : null;

        private async Task<RowResult> ShipAsync(int line, string[] fields, Guid? staffId, CancellationToken cancellationToken)
        {
            var reference = fields[0];
            if (reference.Length == 0)
            {
                return new RowResult(line, null, "failed", "validationFailed", "The reference is missing.");
            }

            try
            {
                return (await mediator.Send(new RecordShipment.Command(reference, fields[1], fields[2], staffId), cancellationToken)).Match(
                    shipped => new RowResult(line, shipped.Reference, shipped.AlreadyShipped ? "alreadyShipped" : "shipped", null, null),
                    error => new RowResult(line, reference, "failed", error.Code, error.Detail ?? error.Title));
            }
            catch (FluentValidation.ValidationException validation)
            {
                var message = string.Join(" ", validation.Errors.Select(error => error.ErrorMessage));
                return new RowResult(line, reference, "failed", "validationFailed", message);
            }
        }

        private static bool HasHeader(string[]? record) =>
            record is not null && WithoutStrayEmptyColumns(record) is var header && header.Length == Header.Length
            && header.Zip(Header).All(pair => string.Equals(pair.First.Trim(), pair.Second, StringComparison.OrdinalIgnoreCase));
    }

    private sealed record ParsedRow(int Line, string[] Fields, string? Problem);
}
