using System.Text.Json.Serialization;
using FluentValidation;
using Hangfire;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.KitOrders;

/// <summary>
/// The owner orders the kit. Placing never fails for lack of stock: the order is stored as
/// <c>received</c> and the allocation job, enqueued after the commit, reserves it or backorders it.
/// </summary>
public static class PlaceKitOrder
{
    public sealed record LineInput
    {
        public string? Sku { get; init; }

        public int? Quantity { get; init; }
    }

    public sealed record DeliveryInput
    {
        public string? Recipient { get; init; }

        public string? Street { get; init; }

        public string? HouseNumber { get; init; }

        public string? Postcode { get; init; }

        public string? City { get; init; }

        public string? Phone { get; init; }
    }

    public sealed record Command : ICommand<Result<Placed>>, IOwnerRequest
    {
        [JsonIgnore]
        public Guid ActivityId { get; init; }

        [JsonIgnore]
        public string? ManageToken { get; init; }

        public IReadOnlyList<LineInput?>? Lines { get; init; }

        public DeliveryInput? Delivery { get; init; }

        public DateOnly? WishedDeliveryDate { get; init; }

        public Task<bool> IsOwnerAsync(DbSession session, TimeProvider clock, CancellationToken cancellationToken) =>
            ActivityStore.IsOwnerAsync(session, clock, ActivityId, ManageToken, cancellationToken);
    }

    public sealed record Placed(Guid Id, string Reference, string Status);

    public static async Task<Results<Created<Placed>, ProblemHttpResult>> Endpoint(
        Guid id,
        [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token,
        Command command,
        IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(command with { ActivityId = id, ManageToken = token }, ct))
            .ToHttp(placed => TypedResults.Created(KitOrdersEndpoints.OrderPath(id), placed));

    // Also bounds the SKUs sent to the catalogue lookup as parameters (SQL Server takes at most 2,100).
    public const int MaxLines = 50;

    /// <summary>The rules that need no activity: lines against the catalogue, a Dutch address, a date not in the past.</summary>
    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(DbSession session, TimeProvider clock)
        {
            RuleFor(c => c.Lines).NotEmpty().WithMessage("Order at least one item.")
                .Must(lines => lines!.Count <= MaxLines).WithMessage($"At most {MaxLines} lines: the catalogue is not longer than that.");
            RuleForEach(c => c.Lines).NotNull().ChildRules(line =>
            {
                line.RuleFor(l => l!.Sku).NotEmpty().SingleLine();
                line.RuleFor(l => l!.Quantity).NotNull().GreaterThanOrEqualTo(1);
            });
            RuleFor(c => c.Lines).CustomAsync(async (lines, context, ct) =>
            {
                var skus = lines!.Select(line => line?.Sku?.Trim().ToUpperInvariant()).ToArray();
                var items = await KitCatalogue.FindAsync(session, skus.OfType<string>(), ct);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < skus.Length; i++)
                {
                    if (skus[i] is not { Length: > 0 } sku)
                    {
                        continue;
                    }

                    if (!seen.Add(sku))
                    {
                        context.AddFailure($"lines[{i}].sku", $"{sku} is on another line already; order it once with the total quantity.");
                    }
                    else if (!items.TryGetValue(sku, out var item) || !item.Active)
                    {
                        context.AddFailure($"lines[{i}].sku", $"{sku} is not in the catalogue.");
                    }
                    else if (lines![i]!.Quantity > item.MaxPerOrder)
                    {
                        context.AddFailure($"lines[{i}].quantity", $"At most {item.MaxPerOrder} of {item.Name} per order.");
                    }
                }
            }).When(c => c.Lines is { Count: > 0 and <= MaxLines });

            RuleFor(c => c.Delivery).NotNull();
            When(c => c.Delivery is not null, () =>
            {
                RuleFor(c => c.Delivery!.Recipient).SingleLine();
                RuleFor(c => c.Delivery!.Street).SingleLine();
                RuleFor(c => c.Delivery!.HouseNumber).SingleLine();
                RuleFor(c => c.Delivery!.Postcode).SingleLine();
                RuleFor(c => c.Delivery!.City).SingleLine();
                RuleFor(c => c.Delivery!.Phone).SingleLine();
                RuleFor(c => c.Delivery!.Recipient).NotEmpty().MaximumLength(200);
                RuleFor(c => c.Delivery!.Street).NotEmpty().MaximumLength(200);
                RuleFor(c => c.Delivery!.HouseNumber).NotEmpty().Matches(ActivityRules.HouseNumberPattern())
                    .WithMessage("House number must be a number with an optional addition, e.g. 12a.");
                RuleFor(c => c.Delivery!.Postcode).NotEmpty().Must(p => ActivityRules.NormalisePostcode(p) is not null)
                    .WithMessage("Postcode must be a Dutch postcode, e.g. 1234 AB.");
                RuleFor(c => c.Delivery!.City).NotEmpty().MaximumLength(100);
                RuleFor(c => c.Delivery!.Phone).Matches(ActivityRules.PhonePattern()).WithMessage("Phone must be a phone number.");
            });

            RuleFor(c => c.WishedDeliveryDate)
                .Must(date => date >= AmsterdamTime.DateOf(clock.GetUtcNow()))
                .When(c => c.WishedDeliveryDate is not null)
                .WithMessage("The wished delivery date lies in the past.");
        }
    }

    private const string NextNumberSqlite = """
        INSERT INTO kit_order_counters (year, last_number) VALUES (@Year, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1
        RETURNING last_number
        """;

    // HOLDLOCK keeps the key range locked from the match to the insert, so two first orders of a
    // year cannot both insert; the UPDATE's row lock serialises the rest until commit.
    private const string NextNumberSqlServer = """
        MERGE kit_order_counters WITH (HOLDLOCK) AS target
        USING (SELECT @Year AS year) AS source ON target.year = source.year
        WHEN MATCHED THEN UPDATE SET last_number = target.last_number + 1
        WHEN NOT MATCHED THEN INSERT (year, last_number) VALUES (@Year, 1)
        OUTPUT inserted.last_number;
        """;

    // INSERT … ON CONFLICT DO UPDATE is atomic under READ COMMITTED: of two first orders of a year one
    // inserts and the other waits for it and then updates; the row lock serialises the rest until commit.
    private const string NextNumberPostgreSql = """
        INSERT INTO kit_order_counters (year, last_number) VALUES (@Year, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = kit_order_counters.last_number + 1
        RETURNING last_number
        """;

    private const string InsertOrder = """
        INSERT INTO kit_orders
            (id, reference, activity_id, year, status, recipient, street, house_number, postcode, city, phone,
             wished_delivery_date, received_at, updated_at)
        VALUES
            (@Id, @Reference, @ActivityId, @Year, 'received', @Recipient, @Street, @HouseNumber, @Postcode, @City, @Phone,
             @WishedDeliveryDate, @Now, @Now)
        """;

    private const string InsertLine = """
        INSERT INTO kit_order_lines (order_id, sku, quantity) VALUES (@OrderId, @Sku, @Quantity)
        """;

    internal sealed class Handler(DbSession session, Outbox outbox, IBackgroundJobClient jobs, TimeProvider clock)
        : IRequestHandler<Command, Result<Placed>>
    {
        public async Task<Result<Placed>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await ActivityStore.FindAsync(session, request.ActivityId, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            if (activity.Status != ActivityStatus.Published)
            {
                return Error.Conflict(
                    "activityNotPublished", $"The activity is {activity.Status}; a kit can only be ordered for a published activity.");
            }

            var now = clock.GetUtcNow();
            var edition = await EditionStore.GetAsync(session, activity.Year, cancellationToken);
            if (now >= edition.KitOrderDeadline)
            {
                return new Error(
                    StatusCodes.Status422UnprocessableEntity,
                    "kitOrderDeadlinePassed",
                    "Kit orders for this edition are closed.",
                    $"Kit orders for the Week of {edition.Year} closed at "
                    + $"{AmsterdamTime.Short(edition.KitOrderDeadline)} (Europe/Amsterdam).");
            }

            var existing = await KitOrderStore.FindForActivityAsync(session, activity.Id, cancellationToken);
            if (existing is not null && existing.Status != KitOrderStatus.Cancelled)
            {
                return AlreadyOrdered(existing.Reference);
            }

            var startsOn = AmsterdamTime.DateOf(activity.StartsAt);
            if (request.WishedDeliveryDate >= startsOn)
            {
                return Error.Unprocessable(
                    "validationFailed",
                    "wishedDeliveryDate",
                    $"The wished delivery date must be before the activity starts ({startsOn:yyyy-MM-dd}).");
            }

            var number = await session.ExecuteScalarAsync<int>(
                session.Dialect.Pick(NextNumberSqlite, NextNumberSqlServer, NextNumberPostgreSql),
                new { activity.Year },
                cancellationToken);
            var id = Guid.CreateVersion7();
            var delivery = request.Delivery!;
            try
            {
                await session.ExecuteAsync(InsertOrder, new
                {
                    Id = id,
                    Reference = $"KE-{activity.Year}-{number:D5}",
                    ActivityId = activity.Id,
                    activity.Year,
                    Recipient = delivery.Recipient!.Trim(),
                    Street = delivery.Street!.Trim(),
                    HouseNumber = delivery.HouseNumber!.Trim(),
                    Postcode = ActivityRules.NormalisePostcode(delivery.Postcode),
                    City = delivery.City!.Trim(),
                    Phone = string.IsNullOrWhiteSpace(delivery.Phone) ? null : delivery.Phone.Trim(),
                    request.WishedDeliveryDate,
                    Now = now,
                }, cancellationToken);
            }
            catch (Exception exception) when (DbSession.IsUniqueViolation(exception))
            {
                // SQL Server and PostgreSQL: a concurrent order for the same activity committed first.
                return AlreadyOrdered(null);
            }

            await session.ExecuteAsync(
                InsertLine,
                request.Lines!.Select(line => new { OrderId = id, Sku = line!.Sku!.Trim().ToUpperInvariant(), line.Quantity }),
                cancellationToken);
            await KitOrderStore.RecordAsync(session, id, KitOrderStatus.Received, now, null, cancellationToken);

            var order = (await KitOrderStore.FindAsync(session, id, cancellationToken))!;
            var lines = await KitOrderStore.LinesAsync(session, [id], cancellationToken);
            await outbox.EnqueueAsync(KitOrderEmails.Received(order, lines, activity), cancellationToken);
            session.AfterCommit(() => jobs.Enqueue<AllocateKitOrderJob>(job => job.RunAsync(id, CancellationToken.None)));
            return new Placed(id, order.Reference, order.Status);
        }

        private static Error AlreadyOrdered(string? reference) => Error.Conflict(
            "kitOrderExists",
            "The activity already has a kit order.",
            reference is null ? "Cancel it first to order again." : $"Order {reference} is still open; cancel it first to order again.");
    }
}
