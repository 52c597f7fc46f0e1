using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// Shipments from the carrier's or the warehouse's CSV export: header <c>reference,carrier,trackingNumber</c>
/// (commas, as api.md has it; a file with semicolons is read too, since Dutch Excel saves those).
/// Each row is its own <see cref="RecordShipment"/> command behind a savepoint, so a bad row is
/// rolled back and reported and never blocks the good ones; importing the same file twice ships
/// nothing twice. Rows are committed <see cref="RowsPerTransaction"/> at a time: one commit per row
/// made the import the slowest step of the warehouse day (see scripts/bench/RESULTS.md).
/// </summary>
public static class ImportShipments
{
    public const string ContentType = "text/csv";

    public static readonly string[] Header = ["reference", "carrier", "trackingNumber"];

    private const int RowsPerTransaction = 100;

    // Not a command on purpose: the handler commits its own groups of rows, not one transaction for the file.
    public sealed record Command(string Csv) : IRequest<Result<Report>>;

    public sealed record Report(int Shipped, int Unchanged, int Failed, IReadOnlyList<RowResult> Rows);

    /// <summary><c>line</c> is the line in the file (the header is line 1); <c>outcome</c> is shipped, alreadyShipped or failed.</summary>
    public sealed record RowResult(int Line, string? Reference, string Outcome, string? Code, string? Message);

    internal sealed class Handler(IMediator mediator, DbSession session) : IRequestHandler<Command, Result<Report>>
    {
        public async Task<Result<Report>> Handle(Command request, CancellationToken cancellationToken)
        {
            var firstLine = request.Csv.Split('\n', 2)[0];
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = firstLine.Contains(';', StringComparison.Ordinal) && !firstLine.Contains(',', StringComparison.Ordinal) ? ";" : ",",
                TrimOptions = TrimOptions.Trim,
                IgnoreBlankLines = true,
                BadDataFound = null,
                MissingFieldFound = null,
            };
            using var reader = new StringReader(request.Csv.TrimStart('\uFEFF'));
            using var csv = new CsvReader(reader, config);
            if (!await csv.ReadAsync() || !csv.ReadHeader() || !HasHeader(csv.HeaderRecord))
            {
                return Error.Unprocessable("csvHeader", "header", $"The first line must be the header {string.Join(',', Header)}.");
            }

            var parsed = new List<(int Line, string[] Fields)>();
            while (await csv.ReadAsync())
            {
                parsed.Add((csv.Parser.RawRow, csv.Parser.Record ?? []));
            }

            var rows = await session.StepwiseAsync(parsed, RowsPerTransaction, async row =>
            {
                var result = await ShipAsync(row.Line, row.Fields, cancellationToken);
                return (result, result.Outcome != "failed");
            }, cancellationToken);

            return new Report(
                rows.Count(row => row.Outcome == "shipped"),
                rows.Count(row => row.Outcome == "alreadyShipped"),
                rows.Count(row => row.Outcome == "failed"),
                rows);
        }

        private async Task<RowResult> ShipAsync(int line, string[] fields, CancellationToken cancellationToken)
        {
            if (fields.Length != Header.Length)
            {
                return new RowResult(line, fields.Length > 0 && fields[0].Length > 0 ? fields[0] : null, "failed", "malformedRow", $"Expected {Header.Length} fields, found {fields.Length}.");
            }

            var reference = fields[0];
            if (reference.Length == 0)
            {
                return new RowResult(line, null, "failed", "validationFailed", "The reference is missing.");
            }

            try
            {
                return await mediator.Send(new RecordShipment.Command(reference, fields[1], fields[2]), cancellationToken) switch
                {
                    Result<RecordShipment.Shipped>.Success { Value: var shipped } =>
                        new RowResult(line, shipped.Reference, shipped.AlreadyShipped ? "alreadyShipped" : "shipped", null, null),
                    Result<RecordShipment.Shipped>.Failure { Error: var error } =>
                        new RowResult(line, reference, "failed", error.Code, error.Detail ?? error.Title),
                    _ => throw new InvalidOperationException("A result is a success or a failure."),
                };
            }
            catch (FluentValidation.ValidationException validation)
            {
                return new RowResult(line, reference, "failed", "validationFailed", string.Join(" ", validation.Errors.Select(error => error.ErrorMessage)));
            }
        }

        private static bool HasHeader(string[]? header) =>
            header is not null && header.Length == Header.Length
            && header.Zip(Header).All(pair => string.Equals(pair.First.Trim(), pair.Second, StringComparison.OrdinalIgnoreCase));
    }
}
