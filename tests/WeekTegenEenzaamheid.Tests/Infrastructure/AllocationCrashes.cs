using System.Collections.Concurrent;
using WeekTegenEenzaamheid.Api.Features.KitOrders;

namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>
/// The tests' allocation observer: armed for a SKU, it throws once inside allocation's transaction after
/// the stock is reserved and before the order's state changes, which simulates a crash between the two writes.
/// </summary>
public sealed class AllocationCrashes : IKitAllocationObserver
{
    private readonly ConcurrentDictionary<string, Exception> crashes = new(StringComparer.Ordinal);

    public void CrashOnceAfterReserving(string sku, Exception crash) => crashes[sku] = crash;

    public bool IsArmed(string sku) => crashes.ContainsKey(sku);

    public void Reserved(IReadOnlyList<string> skus)
    {
        foreach (var sku in skus)
        {
            if (crashes.TryRemove(sku, out var crash))
            {
                throw crash;
            }
        }
    }
}
