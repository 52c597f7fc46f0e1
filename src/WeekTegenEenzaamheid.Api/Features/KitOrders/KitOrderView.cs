namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>The order as its owner sees it (the shape of api.md).</summary>
public sealed record KitOrderView(
    Guid Id,
    string Reference,
    Guid ActivityId,
    string Status,
    IReadOnlyList<KitOrderLineView> Lines,
    DeliveryView Delivery,
    DateOnly? WishedDeliveryDate,
    IReadOnlyList<HistoryEntryView> History,
    ShipmentView? Shipment)
{
    public static KitOrderView From(KitOrderRow order, IEnumerable<KitOrderLineRow> lines, IEnumerable<KitOrderHistoryRow> history) => new(
        order.Id,
        order.Reference,
        order.ActivityId,
        order.Status,
        lines.Select(line => new KitOrderLineView(line.Sku, line.Name, line.Quantity)).ToArray(),
        DeliveryOf(order),
        order.WishedDeliveryDate,
        history.Select(entry => new HistoryEntryView(entry.Status, AmsterdamTime.ToLocal(entry.ChangedAt))).ToArray(),
        ShipmentOf(order));

    public static DeliveryView DeliveryOf(KitOrderRow order) =>
        new(order.Recipient, order.Street, order.HouseNumber, order.Postcode, order.City, order.Phone);

    public static ShipmentView? ShipmentOf(KitOrderRow order) =>
        order.Carrier is null || order.TrackingNumber is null
            ? null
            : new ShipmentView(order.Carrier, order.TrackingNumber, TrackAndTrace.Url(order.Carrier, order.TrackingNumber, order.Postcode));
}

public sealed record KitOrderLineView(string Sku, string Name, int Quantity);

public sealed record DeliveryView(string Recipient, string Street, string HouseNumber, string Postcode, string City, string? Phone);

public sealed record HistoryEntryView(string Status, DateTimeOffset At);

public sealed record ShipmentView(string Carrier, string TrackingNumber, string? TrackingUrl);
