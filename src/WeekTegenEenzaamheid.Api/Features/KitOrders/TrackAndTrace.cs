namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>Links to a carrier's public tracking page.</summary>
public static class TrackAndTrace
{
    public const string PostNL = "PostNL";

    /// <summary>
    /// PostNL's public tracking page takes the barcode and the recipient's postcode; other carriers, and an order whose
    /// address the retention job erased, get no link.
    /// </summary>
    public static string? Url(string carrier, string trackingNumber, string postcode) =>
        string.Equals(carrier, PostNL, StringComparison.OrdinalIgnoreCase) && postcode.Length > 0
            ? $"https://jouw.postnl.nl/track-and-trace/{Uri.EscapeDataString(trackingNumber)}-NL-{Uri.EscapeDataString(Compact(postcode))}"
            : null;

    private static string Compact(string postcode) => postcode.Replace(" ", string.Empty, StringComparison.Ordinal);
}
