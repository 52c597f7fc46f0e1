namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

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
