using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// Creates or changes a catalogue item. Stock is not part of it: a new item has none until a
/// receipt. An item that is not active is hidden from the catalogue and cannot be ordered; orders
/// that hold it keep it.
/// </summary>
public static partial class SetKitItem
{
    public sealed record Body(string? Name, string? Description, int? MaxPerOrder, bool? Active);

    public sealed record Command(string Sku, Body Body) : ICommand<Saved>, IStaffAction
    {
        [JsonIgnore] public string ActionName => "kitItem.saved";

        [JsonIgnore] public string? Subject => Sku;
    }

    public sealed record Saved(bool Created, KitItemView Item);

    public sealed record KitItemView(
        string Sku, string Name, string Description, int MaxPerOrder, bool Active, int OnHand, int Reserved, int Available)
    {
        /// <summary>The item with its stock; <c>available</c> is on hand minus reserved.</summary>
        public static KitItemView From(KitItemRow item) => new(
            item.Sku, item.Name, item.Description, item.MaxPerOrder, item.Active, item.OnHand, item.Reserved, item.OnHand - item.Reserved);
    }

    public static async Task<Results<Created<KitItemView>, Ok<KitItemView>>> Endpoint(
        string sku, Body body, IMediator mediator, CancellationToken ct)
    {
        var saved = await mediator.Send(new Command(sku, body), ct);
        return saved.Created
            ? TypedResults.Created($"{LogisticsEndpoints.Logistics}/items/{saved.Item.Sku}", saved.Item)
            : TypedResults.Ok(saved.Item);
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Sku).Must(sku => SkuPattern().IsMatch(sku.Trim().ToUpperInvariant()))
                .WithMessage("A SKU is 2 to 40 letters, digits and dashes, e.g. KEP-POSTER-A3.").OverridePropertyName("sku");
            RuleFor(c => c.Sku).SingleLine().OverridePropertyName("sku");
            RuleFor(c => c.Body.Name).NotEmpty().MaximumLength(120).SingleLine().OverridePropertyName("name");
            RuleFor(c => c.Body.Description).NotEmpty().MaximumLength(1000).MultiLine().OverridePropertyName("description");
            RuleFor(c => c.Body.MaxPerOrder).NotNull().InclusiveBetween(1, 1000).OverridePropertyName("maxPerOrder");
        }
    }

    private const string Exists = """
        SELECT COUNT(1) FROM kit_items WHERE sku = @Sku
        """;

    private const string UpsertSqlite = """
        INSERT INTO kit_items (sku, name, description, max_per_order, active, on_hand, reserved, created_at, updated_at)
        VALUES (@Sku, @Name, @Description, @MaxPerOrder, @Active, 0, 0, @Now, @Now)
        ON CONFLICT (sku) DO UPDATE SET
            name = excluded.name, description = excluded.description, max_per_order = excluded.max_per_order,
            active = excluded.active, updated_at = excluded.updated_at
        """;

    // ON CONFLICT DO UPDATE is atomic under READ COMMITTED: two first saves of a SKU cannot both insert.
    private const string UpsertPostgreSql = UpsertSqlite;

    private const string UpsertSqlServer = """
        MERGE kit_items WITH (HOLDLOCK) AS target
        USING (SELECT @Sku AS sku) AS source ON target.sku = source.sku
        WHEN MATCHED THEN UPDATE SET
            name = @Name, description = @Description, max_per_order = @MaxPerOrder, active = @Active, updated_at = @Now
        WHEN NOT MATCHED THEN
            INSERT (sku, name, description, max_per_order, active, on_hand, reserved, created_at, updated_at)
            VALUES (@Sku, @Name, @Description, @MaxPerOrder, @Active, 0, 0, @Now, @Now);
        """;

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Saved>
    {
        public async Task<Saved> Handle(Command request, CancellationToken cancellationToken)
        {
            var sku = request.Sku.Trim().ToUpperInvariant();
            var existed = await session.ExecuteScalarAsync<int>(Exists, new { Sku = sku }, cancellationToken) > 0;
            await session.ExecuteAsync(
                session.Dialect.Pick(UpsertSqlite, UpsertSqlServer, UpsertPostgreSql),
                new
                {
                    Sku = sku,
                    Name = request.Body.Name!.Trim(),
                    Description = request.Body.Description!.Trim(),
                    request.Body.MaxPerOrder,
                    Active = request.Body.Active ?? true,
                    Now = clock.GetUtcNow(),
                },
                cancellationToken);
            var item = (await KitCatalogue.FindAsync(session, [sku], cancellationToken))[sku];
            return new Saved(!existed, KitItemView.From(item));
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,39}$")]
    private static partial Regex SkuPattern();
}
