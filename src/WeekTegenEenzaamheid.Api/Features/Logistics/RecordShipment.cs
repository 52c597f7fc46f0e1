using System.Security.Claims;
using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// A picked order left with the carrier: it becomes <c>shipped</c>, its reserved stock leaves the
/// warehouse and the initiator gets the track-and-trace link. Recording the same shipment again
/// changes nothing, so a re-sent import is harmless.
/// </summary>
public static partial class RecordShipment
{
    public sealed record Body(string? Carrier, string? TrackingNumber);

    /// <summary>
    /// <paramref name="StaffId"/> is the staff member who recorded it (<see cref="StaffIdentity.Id"/>: the key's or the
    /// session's), kept in the history by id.
    /// </summary>
    public sealed record Command(string Reference, string? Carrier, string? TrackingNumber, Guid? StaffId = null)
        : ICommand<Result<Shipped>>;

    public sealed record Shipped(string Reference, string Status, ShipmentView Shipment, bool AlreadyShipped);

    public static async Task<Results<Ok<Shipped>, ProblemHttpResult>> Endpoint(
        string reference, Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(reference, body.Carrier, body.TrackingNumber, StaffIdentity.Id(user)), ct))
            .ToHttp(TypedResults.Ok);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Carrier).NotEmpty().MaximumLength(40).SingleLine();
            RuleFor(c => c.TrackingNumber).SingleLine();
            RuleFor(c => c.TrackingNumber).NotEmpty().Matches(TrackingNumberPattern())
                .WithMessage("A tracking number is 6 to 40 letters and digits, e.g. 3SABCD1234567.");
        }
    }

    private const string Ship = """
        UPDATE kit_orders SET status = 'shipped', carrier = @Carrier, tracking_number = @TrackingNumber, updated_at = @Now
        WHERE id = @Id AND status = 'picking'
        """;

    private const string TrackingNumberUsedBy = """
        SELECT reference FROM kit_orders WHERE tracking_number = @TrackingNumber AND id <> @Id
        """;

    internal sealed class Handler(DbSession session, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<Shipped>>
    {
        public async Task<Result<Shipped>> Handle(Command request, CancellationToken cancellationToken)
        {
            var order = await KitOrderStore.FindByReferenceAsync(session, request.Reference, cancellationToken);
            if (order is null)
            {
                return Error.NotFound("Kit order");
            }

            var carrier = NormaliseCarrier(request.Carrier!);
            var trackingNumber = request.TrackingNumber!.Trim().ToUpperInvariant();
            if (order.TrackingNumber is not null)
            {
                var same = string.Equals(order.TrackingNumber, trackingNumber, StringComparison.Ordinal)
                    && string.Equals(order.Carrier, carrier, StringComparison.OrdinalIgnoreCase);
                return same
                    ? new Shipped(order.Reference, order.Status, KitOrderView.ShipmentOf(order)!, AlreadyShipped: true)
                    : Error.Conflict(
                        "alreadyShipped",
                        "The order was shipped already.",
                        $"{order.Reference} was shipped with {order.Carrier} {order.TrackingNumber}.");
            }

            if (order.Status != KitOrderStatus.Picking)
            {
                return Error.Conflict("kitOrderNotPicking", $"The order is {order.Status}; only an order in a pick batch can be shipped.");
            }

            var usedBy = await session.QueryFirstOrDefaultAsync<string>(
                TrackingNumberUsedBy, new { TrackingNumber = trackingNumber, order.Id }, cancellationToken);
            if (usedBy is not null)
            {
                return TrackingNumberInUse(usedBy);
            }

            var now = clock.GetUtcNow();
            int shipped;
            try
            {
                shipped = await session.ExecuteAsync(
                    Ship, new { order.Id, Carrier = carrier, TrackingNumber = trackingNumber, Now = now }, cancellationToken);
            }
            catch (Exception exception) when (DbSession.IsUniqueViolation(exception))
            {
                return TrackingNumberInUse(null);
            }

            if (shipped == 0)
            {
                return Error.ConcurrentChange("The kit order");
            }

            await KitOrderStore.RecordAsync(
                session, order.Id, KitOrderStatus.Shipped, now, $"{carrier} {trackingNumber}", cancellationToken, request.StaffId);
            var lines = await KitOrderStore.LinesAsync(session, [order.Id], cancellationToken);
            await KitStock.TakeOutAsync(session, lines.Select(KitStock.Line.Of), now, cancellationToken);

            var current = (await KitOrderStore.FindAsync(session, order.Id, cancellationToken))!;
            var activity = (await ActivityStore.FindAsync(session, order.ActivityId, cancellationToken))!;
            await outbox.EnqueueAsync(KitOrderEmails.Shipped(current, activity), cancellationToken);
            return new Shipped(current.Reference, current.Status, KitOrderView.ShipmentOf(current)!, AlreadyShipped: false);
        }

        private static Error TrackingNumberInUse(string? reference) =>
            Error.Conflict(
                "trackingNumberInUse",
                "Another order was shipped with this tracking number.",
                reference is null ? null : $"It belongs to {reference}.");
    }

    /// <summary>"postnl" and "PostNL" are the same carrier: the track-and-trace link depends on it.</summary>
    private static string NormaliseCarrier(string carrier) =>
        string.Equals(carrier.Trim(), TrackAndTrace.PostNL, StringComparison.OrdinalIgnoreCase) ? TrackAndTrace.PostNL : carrier.Trim();

    [GeneratedRegex("^[A-Za-z0-9]{6,40}$")]
    private static partial Regex TrackingNumberPattern();
}
