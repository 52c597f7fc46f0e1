using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Dapper;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// The pick list of a batch, for the warehouse to print: first the total to take from the shelf per
/// SKU, then, after an empty line, one row per order with its address label and contents. Dutch
/// headers, semicolons (what Dutch Excel opens directly), UTF-8 with a byte order mark (so Excel
/// reads "é" right). Orders cancelled after batching are left off.
/// </summary>
public static class GetPickList
{
    public const string ContentType = "text/csv";

    public sealed record Query(Guid BatchId) : IQuery<Result<PickList>>;

    public sealed record PickList(string FileName, byte[] Content);

    private const string SelectBatch = """
        SELECT created_at AS CreatedAt FROM pick_batches WHERE id = @BatchId
        """;

    private const string SelectOrders = $"""
        SELECT {KitOrderStore.Columns} FROM kit_orders o
        WHERE o.pick_batch_id = @BatchId AND o.status <> 'cancelled'
        ORDER BY o.received_at, o.reference
        """;

    public static readonly CsvConfiguration Csv = new(CultureInfo.GetCultureInfo("nl-NL"))
    {
        Delimiter = ";",
        // Names and addresses are typed by the public: a cell starting with = or + must not become a formula.
        InjectionOptions = InjectionOptions.Escape,
    };

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<PickList>>
    {
        public async Task<Result<PickList>> Handle(Query request, CancellationToken cancellationToken)
        {
            var connection = await session.ConnectionAsync(cancellationToken);
            var createdAt = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(
                new CommandDefinition(SelectBatch, new { request.BatchId }, session.Transaction, cancellationToken: cancellationToken));
            if (createdAt is null)
            {
                return Error.NotFound("Pick batch");
            }

            var orders = (await connection.QueryAsync<KitOrderRow>(
                new CommandDefinition(SelectOrders, new { request.BatchId }, session.Transaction, cancellationToken: cancellationToken))).ToArray();
            var lines = (await KitOrderStore.LinesAsync(session, orders.Select(order => order.Id).ToArray(), cancellationToken)).ToLookup(line => line.OrderId);

            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = new CsvWriter(text, Csv, leaveOpen: true))
            {
                WriteRow(csv, "Artikelnummer", "Artikel", "Totaal aantal");
                foreach (var total in lines.SelectMany(order => order).GroupBy(line => line.Sku).OrderBy(group => group.Key, StringComparer.Ordinal))
                {
                    WriteRow(csv, total.Key, total.First().Name, total.Sum(line => line.Quantity).ToString(CultureInfo.InvariantCulture));
                }

                csv.NextRecord();
                WriteRow(csv, "Referentie", "Adreslabel", "Telefoon", "Gewenste leverdatum", "Inhoud");
                foreach (var order in orders)
                {
                    WriteRow(
                        csv,
                        order.Reference,
                        AddressLabel(order),
                        order.Phone ?? string.Empty,
                        order.WishedDeliveryDate?.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) ?? string.Empty,
                        string.Join(", ", lines[order.Id].Select(line => $"{line.Quantity} × {line.Sku} {line.Name}")));
                }
            }

            var local = AmsterdamTime.ToLocal(createdAt.Value);
            return new PickList(
                $"paklijst-{local:yyyyMMdd-HHmm}-{request.BatchId.ToString("N")[^8..]}.csv",
                [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())]);
        }

        private static void WriteRow(CsvWriter csv, params string[] fields)
        {
            foreach (var field in fields)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }
    }

    /// <summary>As PostNL asks for Dutch addresses: name, street and number, then postcode, two spaces and the city in capitals.</summary>
    public static string AddressLabel(KitOrderRow order) =>
        $"{order.Recipient}\n{order.Street} {order.HouseNumber}\n{order.Postcode}  {order.City.ToUpper(CultureInfo.GetCultureInfo("nl-NL"))}";
}
