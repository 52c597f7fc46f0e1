namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>
/// received → allocated → picking → shipped → delivered; side states backordered, cancelled and
/// deliveryFailed. Every change is a conditional update on the status that was read, so two
/// writers never both make the same move.
/// </summary>
public static class KitOrderStatus
{
    public const string Received = "received";
    public const string Allocated = "allocated";
    public const string Picking = "picking";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Backordered = "backordered";
    public const string Cancelled = "cancelled";
    public const string DeliveryFailed = "deliveryFailed";

    public static readonly string[] All = [Received, Backordered, Allocated, Picking, Shipped, Delivered, DeliveryFailed, Cancelled];

    /// <summary>What the initiator may still cancel: nothing has left the shelf yet.</summary>
    public static readonly string[] CancellableByOwner = [Received, Allocated, Backordered];

    /// <summary>What staff, or the activity's cancellation, may still cancel: everything not yet shipped.</summary>
    public static readonly string[] Unshipped = [Received, Allocated, Backordered, Picking];

    /// <summary>States of an order whose kit has left the warehouse, whether it arrived or not.</summary>
    public static readonly string[] LeftTheWarehouse = [Shipped, Delivered, DeliveryFailed];

    /// <summary>The state as the warehouse and the programme office read it.</summary>
    public static string InDutch(string status) => status switch
    {
        Received => "Ontvangen",
        Backordered => "Wacht op voorraad",
        Allocated => "Gereserveerd",
        Picking => "In een pickbatch",
        Shipped => "Verzonden",
        Delivered => "Bezorgd",
        DeliveryFailed => "Bezorging mislukt",
        Cancelled => "Geannuleerd",
        _ => status,
    };

    /// <summary>States in which the order holds reserved stock.</summary>
    public static bool HoldsStock(string status) => status is Allocated or Picking;
}

/// <summary>A kit order as stored; <see cref="KitOrderStore"/> aliases its columns to these names.</summary>
public sealed record KitOrderRow
{
    public Guid Id { get; init; }

    public required string Reference { get; init; }

    public Guid ActivityId { get; init; }

    public int Year { get; init; }

    public required string Status { get; init; }

    public required string Recipient { get; init; }

    public required string Street { get; init; }

    public required string HouseNumber { get; init; }

    public required string Postcode { get; init; }

    public required string City { get; init; }

    public string? Phone { get; init; }

    public DateOnly? WishedDeliveryDate { get; init; }

    public Guid? PickBatchId { get; init; }

    public string? Carrier { get; init; }

    public string? TrackingNumber { get; init; }

    public DateTimeOffset? CarrierEventAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

public sealed record KitOrderLineRow
{
    public Guid OrderId { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public int Quantity { get; init; }
}

public sealed record KitOrderHistoryRow
{
    public Guid OrderId { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public string? Note { get; init; }
}

public sealed record KitOrderLineView(string Sku, string Name, int Quantity);

public sealed record DeliveryView(string Recipient, string Street, string HouseNumber, string Postcode, string City, string? Phone);

public sealed record HistoryEntryView(string Status, DateTimeOffset At);

public sealed record ShipmentView(string Carrier, string TrackingNumber, string? TrackingUrl);

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

public static class TrackAndTrace
{
    public const string PostNL = "PostNL";

    /// <summary>
    /// PostNL's public tracking page takes the barcode and the recipient's postcode; other carriers, and an order whose
    /// address the retention job erased, get no link.
    /// </summary>
    public static string? Url(string carrier, string trackingNumber, string postcode) =>
        string.Equals(carrier, PostNL, StringComparison.OrdinalIgnoreCase) && postcode.Length > 0
            ? $"https://jouw.postnl.nl/track-and-trace/{Uri.EscapeDataString(trackingNumber)}-NL-{Uri.EscapeDataString(postcode.Replace(" ", string.Empty, StringComparison.Ordinal))}"
            : null;
}
