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
