using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// The daily check: e-mails Logistics:Mailbox the orders that risk arriving after they are needed,
/// for activities that have not started yet. An order is needed by its wished delivery date, or
/// else the day before its activity starts. At risk are:
/// <list type="bullet">
/// <item>orders not shipped yet whose need-by date is less than <see cref="ShippingDays"/> days away (or past);</item>
/// <item>shipped orders not delivered by their need-by date;</item>
/// <item>orders whose delivery failed.</item>
/// </list>
/// </summary>
public static class CheckLateOrders
{
    /// <summary>From batch to doorstep: a pick batch in the morning, the carrier's next-day delivery, a day's slack.</summary>
    public const int ShippingDays = 3;

    public sealed record Command : ICommand<int>;

    private const string AtRisk = """
        SELECT o.reference AS Reference, o.status AS Status, o.wished_delivery_date AS WishedDeliveryDate,
               o.city AS City, a.title AS ActivityTitle, a.starts_at AS ActivityStartsAt
        FROM kit_orders o JOIN activities a ON a.id = o.activity_id
        WHERE a.status = 'published' AND a.starts_at > @Now
          AND (
            (o.status IN ('received', 'backordered', 'allocated', 'picking')
             AND ((o.wished_delivery_date IS NOT NULL AND o.wished_delivery_date < @UnshippedNeedByBefore)
                  OR (o.wished_delivery_date IS NULL AND a.starts_at < @UnshippedStartsBefore)))
            OR (o.status = 'shipped'
             AND ((o.wished_delivery_date IS NOT NULL AND o.wished_delivery_date <= @Today)
                  OR (o.wished_delivery_date IS NULL AND a.starts_at < @ShippedStartsBefore)))
            OR o.status = 'deliveryFailed')
        ORDER BY a.starts_at, o.reference
        """;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    internal sealed class Handler(
        DbSession session, Outbox outbox, IOptions<LogisticsOptions> options, TimeProvider clock, ILogger<Handler> logger)
        : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = AmsterdamTime.DateOf(now);
            var late = await session.QueryAsync<LateOrder>(AtRisk, new
            {
                Now = now,
                Today = today,
                UnshippedNeedByBefore = today.AddDays(ShippingDays),
                // Need-by is the day before the start: "need-by < today + N" is "starts before the start of day today + N + 1".
                UnshippedStartsBefore = AmsterdamTime.StartOfDay(today.AddDays(ShippingDays + 1)),
                ShippedStartsBefore = AmsterdamTime.StartOfDay(today.AddDays(2)),
            }, cancellationToken);

            var mailbox = options.Value.Mailbox;
            if (late.Count == 0)
            {
                return 0;
            }

            if (string.IsNullOrWhiteSpace(mailbox))
            {
                logger.LogWarning("{Count} kit orders risk arriving late, and Logistics:Mailbox is not set to tell anyone", late.Count);
                return late.Count;
            }

            await outbox.EnqueueAsync(Alert(late, today, mailbox), cancellationToken);
            return late.Count;
        }
    }

    private static OutgoingEmail Alert(IReadOnlyList<LateOrder> late, DateOnly today, string mailbox)
    {
        var email = new EmailComposer($"Kom-Erbij pakketten die te laat dreigen te komen: {late.Count}")
            .Paragraph($"Deze bestellingen komen mogelijk niet op tijd aan (controle van {today.ToString("dddd d MMMM yyyy", Dutch)}):");
        foreach (var order in late)
        {
            var needBy = order.WishedDeliveryDate ?? AmsterdamTime.DateOf(order.ActivityStartsAt).AddDays(-1);
            email.Paragraph(
                $"{order.Reference} ({KitOrderStatus.InDutch(order.Status).ToLowerInvariant()})\n" +
                $"Nodig uiterlijk {needBy.ToString("dddd d MMMM", Dutch)}; activiteit \"{order.ActivityTitle}\" "
                + $"begint {AmsterdamTime.Long(order.ActivityStartsAt)}; bezorgadres in {order.City}.");
        }

        // The key names the day and the set of orders: a second run with the same list sends nothing,
        // an order that turns late later that day still gets an alert.
        var set = string.Join(";", late.Select(order => $"{order.Reference}:{order.Status}"));
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(set)))[..16];
        return email
            .Paragraph("Bekijk de bestellingen met GET /api/logistics/orders/{referentie}.")
            .To($"kit-late-orders:{today:yyyy-MM-dd}:{digest}", mailbox.Trim(), "Logistiek Kom-Erbij pakket");
    }

    private sealed record LateOrder
    {
        public required string Reference { get; init; }

        public required string Status { get; init; }

        public DateOnly? WishedDeliveryDate { get; init; }

        public required string City { get; init; }

        public required string ActivityTitle { get; init; }

        public DateTimeOffset ActivityStartsAt { get; init; }
    }
}

/// <summary>The daily <c>late-orders</c> job.</summary>
/// <remarks>Hangfire gives each run its own scope: the mediator is the run's.</remarks>
public sealed class LateOrdersJob(IMediator mediator, ILogger<LateOrdersJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var late = await mediator.Send(new CheckLateOrders.Command(), cancellationToken);
        logger.LogInformation("{Count} kit orders risk arriving late", late);
    }
}
