using System.Globalization;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// <c>/magazijn/voorraad</c>: the stock per article with a receipt form on each row (<b>Ontvangst boeken</b>, sending
/// <see cref="BookStockReceipt"/>), and the catalogue items' own page to change or add one (sending <see cref="SetKitItem"/>).
/// A receipt's fields are named after the article (<c>aantal-{sku}</c>), so every row's label and error are its own.
/// </summary>
public static class WarehouseStockPages
{
    public const string NewItemPath = WarehousePages.Stock + "/nieuw";

    public static string ItemPath(string sku) => $"{WarehousePages.Stock}/{Uri.EscapeDataString(sku)}";

    private static readonly Dictionary<string, (string Field, string Message)> ItemErrors = new()
    {
        ["sku"] = ("sku", "Een artikelnummer is 2 tot 40 hoofdletters, cijfers en streepjes, bijvoorbeeld KEP-POSTER-A3."),
        ["name"] = ("name", "Vul een naam in van hoogstens 120 tekens, op één regel."),
        ["description"] = ("description", "Vul een omschrijving in van hoogstens 1000 tekens."),
        ["maxPerOrder"] = ("maxPerOrder", "Vul een aantal tussen 1 en 1000 in."),
    };

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/voorraad", async (string? gedaan, string? artikel, IMediator mediator, CancellationToken ct) =>
            await StockPageAsync(mediator, Done(gedaan, artikel), FormState.Empty, StatusCodes.Status200OK, ct));
        group.MapPost("/voorraad/{sku}/ontvangst", BookReceipt);
        group.MapGet("/voorraad/nieuw", () => ItemForm(null, FormState.Empty.Set("maxPerOrder", "1").Set("active", "true")));
        group.MapPost("/voorraad/nieuw", (IFormCollection posted, IMediator mediator, CancellationToken ct) =>
            SaveItem(posted["sku"].ToString(), isNew: true, posted, mediator, ct));
        group.MapGet("/voorraad/{sku}", async (string sku, IMediator mediator, CancellationToken ct) =>
        {
            var item = await FindAsync(mediator, sku, ct);
            return item is null
                ? WarehousePages.NotFound("Artikel niet gevonden", "Er is geen artikel met dit artikelnummer.")
                : ItemForm(item, FormState.Empty.Set("name", item.Name).Set("description", item.Description)
                    .Set("maxPerOrder", item.MaxPerOrder.ToString(CultureInfo.InvariantCulture))
                    .Set("active", item.Active ? "true" : null));
        });
        group.MapPost("/voorraad/{sku}", async (string sku, IFormCollection posted, IMediator mediator, CancellationToken ct) =>
            await FindAsync(mediator, sku, ct) is null
                ? WarehousePages.NotFound("Artikel niet gevonden", "Er is geen artikel met dit artikelnummer.")
                : await SaveItem(sku, isNew: false, posted, mediator, ct));
    }

    /// <summary>The id-safe form name of a row's field: SKUs are letters, digits and dashes.</summary>
    public static string ReceiptField(string sku, string field) => $"{field}-{sku}";

    private static async Task<IResult> BookReceipt(
        string sku, IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        var quantityField = ReceiptField(sku, "aantal");
        var typed = form.Value(quantityField)?.Trim();
        if (!int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity < 1 || quantity > 1_000_000)
        {
            form.AddError(quantityField, "Vul een aantal in van 1 tot 1.000.000, bijvoorbeeld 500.");
            return await StockPageAsync(mediator, null, form, StatusCodes.Status422UnprocessableEntity, ct);
        }

        Result<StockRow> booked;
        try
        {
            booked = await mediator.Send(new BookStockReceipt.Command(
                sku, quantity, form.Value(ReceiptField(sku, "opmerking")), StaffIdentity.Id(http.User)), ct);
        }
        catch (ValidationException)
        {
            form.AddError(ReceiptField(sku, "opmerking"), "Een opmerking is hoogstens 500 tekens.");
            return await StockPageAsync(mediator, null, form, StatusCodes.Status422UnprocessableEntity, ct);
        }

        return booked.Match(
            row => Results.Redirect(DonePath("ontvangst", row.Sku)),
            _ => WarehousePages.NotFound("Artikel niet gevonden", "Er is geen artikel met dit artikelnummer."));
    }

    private static async Task<IResult> SaveItem(string sku, bool isNew, IFormCollection posted, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        int? max = int.TryParse(form.Value("maxPerOrder")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number : null;
        if (isNew && await FindAsync(mediator, sku, ct) is not null)
        {
            form.AddError("sku", "Dit artikelnummer bestaat al. Kies een ander, of wijzig het artikel in de voorraadlijst.");
        }

        if (max is null && !string.IsNullOrWhiteSpace(form.Value("maxPerOrder")))
        {
            form.AddError("maxPerOrder", ItemErrors["maxPerOrder"].Message);
        }

        if (!form.HasErrors)
        {
            try
            {
                var body = new SetKitItem.Body(form.Value("name"), form.Value("description"), max, form.Value("active") is "true" or "on");
                var saved = await mediator.Send(new SetKitItem.Command(sku, body), ct);
                return Results.Redirect(DonePath(saved.Created ? "toegevoegd" : "opgeslagen", saved.Item.Sku));
            }
            catch (ValidationException exception)
            {
                form.AddErrors(exception, ItemErrors, "name");
            }
        }

        return ItemForm(isNew ? null : await FindAsync(mediator, sku, ct), form, StatusCodes.Status422UnprocessableEntity);
    }

    private static string DonePath(string done, string sku) => $"{WarehousePages.Stock}?gedaan={done}&artikel={Uri.EscapeDataString(sku)}";

    // The confirmation names what was done by a code and the article by its SKU, never by text from the address.
    private static (string Done, string Sku)? Done(string? gedaan, string? artikel) =>
        gedaan is "ontvangst" or "toegevoegd" or "opgeslagen" && artikel is not null ? (gedaan, artikel) : null;

    private static async Task<IResult> StockPageAsync(
        IMediator mediator, (string Done, string Sku)? done, FormState form, int status, CancellationToken ct)
    {
        var rows = await mediator.Send(new GetStock.Query(), ct);
        var notice = done is { } what && rows.FirstOrDefault(row => row.Sku == what.Sku) is { } row
            ? what.Done switch
            {
                "ontvangst" => $"Ontvangst geboekt voor {row.Name}. Er zijn er nu {row.OnHand.ToString("N0", Dutch)} op voorraad; "
                    + "wachtende bestellingen krijgen ze het eerst.",
                "toegevoegd" => $"Artikel {row.Sku} ({row.Name}) is toegevoegd. Boek een ontvangst om het te kunnen leveren.",
                _ => $"Artikel {row.Sku} ({row.Name}) is opgeslagen.",
            }
            : null;
        return PagesExtensions.Page<StockPage>(new { Rows = rows, Notice = notice, Form = form }, status);
    }

    private static IResult ItemForm(SetKitItem.KitItemView? item, FormState form, int status = StatusCodes.Status200OK) =>
        PagesExtensions.Page<KitItemPage>(new { Item = item, Form = form }, status);

    private static async Task<SetKitItem.KitItemView?> FindAsync(IMediator mediator, string sku, CancellationToken ct) =>
        await mediator.Send(new GetKitItem.Query(sku), ct) is Result<SetKitItem.KitItemView>.Success { Value: var item } ? item : null;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
}
