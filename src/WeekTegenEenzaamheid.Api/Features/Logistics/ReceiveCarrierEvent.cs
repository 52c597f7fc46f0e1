using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// The carrier reports a delivery or a failed one. Signed with HMAC-SHA256 over the raw body;
/// idempotent per event id (each event is stored); an event older than the last one applied to the
/// order is stored but changes nothing, so events that arrive out of order never move an order back.
/// </summary>
public static class ReceiveCarrierEvent
{
    public const string SignatureHeader = "X-Signature";
    public const string Delivered = KitOrderStatus.Delivered;
    public const string DeliveryFailed = KitOrderStatus.DeliveryFailed;

    public sealed record Command(string? EventId, string? TrackingNumber, string? Status, DateTimeOffset? OccurredAt)
        : ICommand<Result<Received>>;

    /// <summary>
    /// <c>outcome</c>: applied (the order moved), duplicate (this event id was seen before) or ignored (older than what the
    /// order knows, or nothing to change).
    /// </summary>
    public sealed record Received(string EventId, string Outcome);

    /// <summary>How far ahead of the service's clock an event may be: the carrier's clock may run fast, not hours ahead.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    // The signature is checked on the raw body before anything is parsed, so the body is read here, not bound.
    public static async Task<Results<Ok<Received>, ProblemHttpResult>> Endpoint(
        HttpRequest request, IOptions<CarrierOptions> carrier, IOptions<JsonOptions> json, IMediator mediator, CancellationToken ct)
    {
        var read = await ReadAsync(request, carrier.Value.WebhookSecret, json.Value.SerializerOptions, ct);
        return await read.Match(
            async command => (await mediator.Send(command, ct)).ToHttp(TypedResults.Ok),
            error => Task.FromResult<Results<Ok<Received>, ProblemHttpResult>>(Problems.From(error)));
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.EventId).NotEmpty().MaximumLength(100).SingleLine();
            RuleFor(c => c.TrackingNumber).NotEmpty().MaximumLength(40).SingleLine();
            RuleFor(c => c.Status).NotEmpty().Must(s => s is Delivered or DeliveryFailed)
                .WithMessage($"Status must be {Delivered} or {DeliveryFailed}.");
            RuleFor(c => c.OccurredAt).NotNull()
                .Must(at => at <= clock.GetUtcNow() + MaxClockSkew)
                .WithMessage(c => $"occurredAt {AmsterdamTime.Short(c.OccurredAt!.Value)} (Europe/Amsterdam) lies in the future; "
                    + $"an event may be at most {MaxClockSkew.TotalMinutes:0} minutes ahead of {AmsterdamTime.Short(clock.GetUtcNow())}.");
        }
    }

    /// <summary>
    /// Reads the raw body and checks its signature before anything is parsed. The comparison takes
    /// the same time wherever the first wrong byte is, so the signature cannot be guessed byte by byte.
    /// </summary>
    public static async Task<Result<Command>> ReadAsync(
        HttpRequest request, string? secret, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return new Error(
                StatusCodes.Status503ServiceUnavailable,
                "webhookNotConfigured",
                "Carrier events are not accepted: no webhook secret is configured.");
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var bytes = body.ToArray();
        if (!SignatureMatches(secret, bytes, request.Headers[SignatureHeader].ToString()))
        {
            return new Error(
                StatusCodes.Status401Unauthorized,
                "invalidSignature",
                $"The {SignatureHeader} header must be sha256=<hex HMAC-SHA256 of the body>.");
        }

        if (StrictJson.Check(bytes) is { } malformed)
        {
            return new Error(StatusCodes.Status400BadRequest, "malformedRequest", "The request could not be read.", malformed);
        }

        return JsonSerializer.Deserialize<Command>(bytes, json) ?? throw new JsonException("The body must be a JSON object.");
    }

    public static bool SignatureMatches(string secret, byte[] body, string header)
    {
        const string prefix = "sha256=";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length != prefix.Length + 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private const string InsertEvent = """
        INSERT INTO carrier_events (event_id, tracking_number, status, occurred_at, received_at, order_id, outcome)
        SELECT @EventId, @TrackingNumber, @Status, @OccurredAt, @Now, NULL, 'received'
        WHERE NOT EXISTS (SELECT 1 FROM carrier_events WHERE event_id = @EventId)
        """;

    private const string SelectByTrackingNumber = $"""
        SELECT {KitOrderStore.Columns} FROM kit_orders o WHERE o.tracking_number = @TrackingNumber
        """;

    private const string Apply = """
        UPDATE kit_orders SET status = @To, carrier_event_at = @OccurredAt, updated_at = @Now
        WHERE id = @Id AND status = @From
        """;

    private const string SetOutcome = """
        UPDATE carrier_events SET order_id = @OrderId, outcome = @Outcome WHERE event_id = @EventId
        """;

    internal sealed class Handler(DbSession session, Outbox outbox, TimeProvider clock) : IRequestHandler<Command, Result<Received>>
    {
        public async Task<Result<Received>> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var eventId = request.EventId!.Trim();
            var trackingNumber = request.TrackingNumber!.Trim().ToUpperInvariant();
            var occurredAt = request.OccurredAt!.Value.ToUniversalTime();
            try
            {
                var stored = await session.ExecuteAsync(InsertEvent, new
                {
                    EventId = eventId,
                    TrackingNumber = trackingNumber,
                    request.Status,
                    OccurredAt = occurredAt,
                    Now = now,
                }, cancellationToken);
                if (stored == 0)
                {
                    return new Received(eventId, "duplicate");
                }
            }
            catch (Exception exception) when (DbSession.IsUniqueViolation(exception))
            {
                // SQL Server only: the same event arrived twice at the same moment.
                return new Received(eventId, "duplicate");
            }

            var order = await session.QuerySingleOrDefaultAsync<KitOrderRow>(
                SelectByTrackingNumber, new { TrackingNumber = trackingNumber }, cancellationToken);
            if (order is null)
            {
                // The failure rolls back the stored event: once the shipment is recorded, a redelivery applies.
                return Error.Unprocessable("unknownTrackingNumber", "trackingNumber", "No shipment has this tracking number.");
            }

            var outcome = await ApplyAsync(order, request.Status!, occurredAt, now, cancellationToken);
            await session.ExecuteAsync(SetOutcome, new { OrderId = order.Id, Outcome = outcome, EventId = eventId }, cancellationToken);
            return new Received(eventId, outcome);
        }

        private async Task<string> ApplyAsync(
            KitOrderRow order, string status, DateTimeOffset occurredAt, DateTimeOffset now, CancellationToken cancellationToken)
        {
            // Delivered is final, and an event older than the last one applied is old news.
            if (order.Status is not (KitOrderStatus.Shipped or KitOrderStatus.DeliveryFailed)
                || (order.CarrierEventAt is { } last && occurredAt <= last))
            {
                return "ignored";
            }

            var changed = await session.ExecuteAsync(
                Apply, new { order.Id, From = order.Status, To = status, OccurredAt = occurredAt, Now = now }, cancellationToken);
            if (changed == 0)
            {
                throw new ConcurrentChangeException(
                    $"Kit order {order.Reference} changed while a carrier event was applied; the carrier will retry.");
            }

            if (status == order.Status)
            {
                return "ignored";
            }

            var note = $"carrier: {status} at {AmsterdamTime.Short(occurredAt)}";
            await KitOrderStore.RecordAsync(session, order.Id, status, now, note, cancellationToken);
            if (status == KitOrderStatus.DeliveryFailed)
            {
                var activity = (await ActivityStore.FindAsync(session, order.ActivityId, cancellationToken))!;
                await outbox.EnqueueAsync(KitOrderEmails.DeliveryFailed(order, activity), cancellationToken);
            }

            return "applied";
        }
    }
}
