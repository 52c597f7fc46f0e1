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

/// <summary>A history entry as stored, with the name of the staff member who made it as it is now (null: no staff member).</summary>
public sealed record KitOrderHistoryRow
{
    /// <summary>How a staff cancellation's note starts (the reason follows after a colon).</summary>
    public const string CancelledByStaff = "cancelled by staff";

    public Guid OrderId { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public string? Note { get; init; }

    public Guid? StaffId { get; init; }

    public string? StaffName { get; init; }

    /// <summary>
    /// The note as the warehouse reads it, in the words the service wrote before 0014 kept names as text: a staff member's
    /// cancellation (the note is the reason) reads "cancelled by staff (name): reason", any other entry of a member gets
    /// " (by name)"; an entry without a member reads as stored.
    /// </summary>
    public string? NoteForStaff => StaffId is null
        ? Note
        : Status == KitOrderStatus.Cancelled
            ? $"{CancelledByStaff} ({StaffName}): {Note}"
            : $"{Note} (by {StaffName})";
}
