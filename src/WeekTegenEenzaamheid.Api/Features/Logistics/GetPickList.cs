using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
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
    public sealed record Query(Guid BatchId) : IQuery<Result<PickList>>;

    public sealed record PickList(string FileName, byte[] Content);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Query(id), ct))
            .ToHttp(list => TypedResults.File(list.Content, ExcelCsv.ContentType + "; charset=utf-8", list.FileName));

    private const string SelectBatch = """
        SELECT created_at AS CreatedAt FROM pick_batches WHERE id = @BatchId
        """;

    /// <summary>The batch's orders as they are picked: received first, cancelled ones left off.</summary>
    internal const string SelectOrders = $"""
        SELECT {KitOrderStore.Columns} FROM kit_orders o
        WHERE o.pick_batch_id = @BatchId AND o.status <> 'cancelled'
        ORDER BY o.received_at, o.reference
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Result<PickList>>
    {
        public async Task<Result<PickList>> Handle(Query request, CancellationToken cancellationToken)
        {
            var createdAt = await session.QuerySingleOrDefaultAsync<DateTimeOffset?>(
                SelectBatch, new { request.BatchId }, cancellationToken);
            if (createdAt is null)
            {
                return Error.NotFound("Pick batch");
            }

            var orders = await session.QueryAsync<KitOrderRow>(SelectOrders, new { request.BatchId }, cancellationToken);
            var lines = (await KitOrderStore.LinesAsync(session, orders.Select(order => order.Id).ToArray(), cancellationToken))
                .ToLookup(line => line.OrderId);

            // Names and addresses are typed by the public: ExcelCsv keeps a cell starting with = or + from becoming a formula.
            var content = ExcelCsv.Write(csv =>
            {
                csv.WriteRow("Artikelnummer", "Artikel", "Totaal aantal");
                var totals = lines.SelectMany(order => order).GroupBy(line => line.Sku).OrderBy(group => group.Key, StringComparer.Ordinal);
                foreach (var total in totals)
                {
                    csv.WriteRow(total.Key, total.First().Name, total.Sum(line => line.Quantity).ToString(CultureInfo.InvariantCulture));
                }

                csv.NextRecord();
                csv.WriteRow("Referentie", "Adreslabel", "Telefoon", "Gewenste leverdatum", "Inhoud");
                foreach (var order in orders)
                {
                    csv.WriteRow(
                        order.Reference,
                        AddressLabel(order),
                        order.Phone ?? string.Empty,
                        order.WishedDeliveryDate?.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture) ?? string.Empty,
                        string.Join(", ", lines[order.Id].Select(line => $"{line.Quantity} × {line.Sku} {line.Name}")));
                }
            });

            var local = AmsterdamTime.ToLocal(createdAt.Value);
            return new PickList($"paklijst-{local:yyyyMMdd-HHmm}-{request.BatchId.ToString("N")[^8..]}.csv", content);
        }
    }

    /// <summary>As PostNL asks for Dutch addresses: name, street and number, then postcode, two spaces and the city in capitals.</summary>
    public static string AddressLabel(KitOrderRow order) => AddressLabel(KitOrderView.DeliveryOf(order));

    /// <summary>The label of <see cref="AddressLabel(KitOrderRow)"/>: three lines separated by "\n".</summary>
    public static string AddressLabel(DeliveryView delivery) =>
        $"{delivery.Recipient}\n{delivery.Street} {delivery.HouseNumber}\n{delivery.Postcode}  {delivery.City.ToUpper(Dutch)}";

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
}
