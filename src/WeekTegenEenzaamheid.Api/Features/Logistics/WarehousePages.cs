using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.WebUtilities;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// The warehouse's pages (pages.md, "Staff"), for a signed-in logistics or admin session: the day at a glance with
/// <b>Maak een pickbatch</b>, the order list, one order (shipment by scanner, cancel), a batch's print view, the carrier's
/// CSV file and the stock. Every action sends the request the API sends and says what it did.
/// </summary>
public static class WarehousePages
{
    public const string Root = "/magazijn";
    public const string Orders = Root + "/bestellingen";
    public const string Shipments = Root + "/verzendingen";
    public const string Stock = Root + "/voorraad";

    public static string OrderPath(string reference) => $"{Orders}/{Uri.EscapeDataString(reference)}";

    public static string BatchPath(Guid id) => $"{Root}/pickbatches/{id}";

    public static string PickListPath(Guid id) => $"{BatchPath(id)}/paklijst.csv";

    public static IEndpointRouteBuilder MapWarehousePages(this IEndpointRouteBuilder app)
    {
        var group = app.MapStaffPages(Root, StaffPolicies.LogisticsPages);
        group.MapGet(string.Empty, async (IMediator mediator, CancellationToken ct) =>
            Day(await mediator.Send(new GetWarehouseDay.Query(), ct)));
        group.MapPost("/pickbatches", MakeBatch);
        group.MapGet("/pickbatches/{id:guid}", ShowBatch);
        group.MapGet("/pickbatches/{id:guid}/paklijst.csv", async (Guid id, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetPickList.Query(id), ct)).Match(
                list => Results.File(list.Content, ExcelCsv.ContentType + "; charset=utf-8", list.FileName),
                _ => NotFound("Pickbatch niet gevonden", "Deze pickbatch bestaat niet.")));
        group.MapGet("/bestellingen", ListOrders);
        group.MapGet("/bestellingen/{reference}", WarehouseOrderPage.Show);
        group.MapPost("/bestellingen/{reference}/verzending", WarehouseOrderPage.Ship);
        group.MapPost("/bestellingen/{reference}/annuleren", WarehouseOrderPage.Cancel);
        group.MapGet("/verzendingen", () => PagesExtensions.Page<ShipmentImportPage>(new { Form = FormState.Empty }));
        group.MapPost("/verzendingen", ImportFile).AcceptsFileForm();
        WarehouseStockPages.Map(group);
        return app;
    }

    /// <summary>A Dutch 404 page for something that does not exist (an order, a batch, an article).</summary>
    public static IResult NotFound(string title, string message) =>
        PagesExtensions.Page<MessagePage>(new { Title = title, Message = message }, StatusCodes.Status404NotFound);

    private static IResult Day(GetWarehouseDay.Day day, string? notice = null, int status = StatusCodes.Status200OK) =>
        PagesExtensions.Page<WarehouseDayPage>(new { Day = day, Notice = notice }, status);

    // The form has no field, but binding it is what makes ASP.NET Core check its antiforgery token.
    private static async Task<IResult> MakeBatch(IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var made = await mediator.Send(new CreatePickBatch.Command(null, StaffIdentity.Id(http.User)), ct);
        if (made is Result<CreatePickBatch.Created>.Success { Value: var batch })
        {
            return Results.Redirect(BatchPath(batch.Id) + "?gedaan=gemaakt");
        }

        return Day(await mediator.Send(new GetWarehouseDay.Query(), ct),
            "Er is niets om te picken: geen enkele bestelling is gereserveerd. Er is geen pickbatch gemaakt.",
            StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ShowBatch(Guid id, string? gedaan, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new GetPickBatch.Query(id), ct)).Match(
            batch => PagesExtensions.Page<PickBatchPage>(new { Batch = batch, Made = gedaan == "gemaakt" }),
            _ => NotFound("Pickbatch niet gevonden", "Deze pickbatch bestaat niet."));

    private static readonly Dictionary<string, (string Field, string Message)> ListErrors = new()
    {
        ["status"] = ("status", "Kies een status uit de lijst."),
        ["year"] = ("jaar", $"Vul een jaartal tussen {SetEdition.FirstYear} en {SetEdition.LastYear} in."),
        ["province"] = ("provincie", "Kies een provincie uit de lijst."),
        ["cursor"] = ("status", "Deze pagina van de lijst bestaat niet (meer). Begin opnieuw bij de eerste pagina."),
    };

    /// <summary>
    /// The order list, oldest first, 50 a page, paged by the API's cursor in <c>na</c>. A reference (typed or scanned) opens
    /// that order at once; one that does not exist is an error on the field.
    /// </summary>
    private static async Task<IResult> ListOrders(
        string? status, string? jaar, string? provincie, string? referentie, string? na, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.Empty.Set("status", status).Set("jaar", jaar).Set("provincie", provincie).Set("referentie", referentie);
        if (!string.IsNullOrWhiteSpace(referentie))
        {
            if (await mediator.Send(new GetStaffKitOrder.Query(referentie), ct) is Result<LogisticsOrderView>.Success { Value: var found })
            {
                return Results.Redirect(OrderPath(found.Reference));
            }

            form.AddError("referentie", "Er is geen bestelling met deze referentie. Een referentie ziet eruit als KE-2027-00042.");
        }

        int? year = null;
        if (!string.IsNullOrWhiteSpace(jaar))
        {
            if (int.TryParse(jaar.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                year = number;
            }
            else
            {
                form.AddError("jaar", ListErrors["year"].Message);
            }
        }

        ListKitOrders.Page page = new([], null);
        if (!form.HasErrors)
        {
            try
            {
                page = await mediator.Send(new ListKitOrders.Query(Blank(status), year, Blank(provincie), null, null, null, Blank(na)), ct);
            }
            catch (ValidationException exception)
            {
                form.AddErrors(exception, ListErrors, "status");
            }
        }

        var next = page.NextCursor is null ? null : QueryHelpers.AddQueryString(Orders, new Dictionary<string, string?>
        {
            ["status"] = Blank(status), ["jaar"] = Blank(jaar), ["provincie"] = Blank(provincie), ["na"] = page.NextCursor,
        }.Where(pair => pair.Value is not null));
        var statusCode = form.Error("referentie") is not null ? StatusCodes.Status404NotFound
            : form.HasErrors ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
        return PagesExtensions.Page<WarehouseOrdersPage>(
            new { Form = form, Page = page, NextPage = next, NotFirstPage = !string.IsNullOrEmpty(na) }, statusCode);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The carrier's file, uploaded: the same import as the API's, every row's result in a table.</summary>
    private static async Task<IResult> ImportFile(IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.Empty;
        var file = posted.Files.GetFile("bestand");
        if (file is null || file.Length == 0)
        {
            return ImportPage(form.AddError("bestand", "Kies het CSV-bestand van de vervoerder."));
        }

        if (file.Length > FileForms.MaxFileBytes)
        {
            return ImportPage(form.AddError("bestand", FileForms.TooLargeMessage()), StatusCodes.Status413PayloadTooLarge);
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, ct);
        var imported = await mediator.Send(
            new ImportShipments.Command(content.ToArray(), file.ContentType, StaffIdentity.Id(http.User)), ct);
        return imported.Match(
            report => PagesExtensions.Page<ShipmentImportPage>(new { Form = form, Report = report, FileName = file.FileName }),
            error => ImportPage(form.AddError("bestand", error.Code == "csvHeader"
                ? "De eerste regel van het bestand moet de kop reference,carrier,trackingNumber zijn."
                : "Het bestand kon niet worden gelezen. Sla het op als CSV (UTF-8) en probeer het opnieuw.")));
    }

    private static IResult ImportPage(FormState form, int status = StatusCodes.Status422UnprocessableEntity) =>
        PagesExtensions.Page<ShipmentImportPage>(new { Form = form }, status);

    /// <summary>A row's outcome and its reason, in Dutch.</summary>
    public static (string Outcome, string? Reason) InDutch(ImportShipments.RowResult row) => row.Outcome switch
    {
        "shipped" => ("Verzonden", null),
        "alreadyShipped" => ("Was al verzonden", "Deze verzending stond er al; er is niets veranderd."),
        _ => ("Niet verwerkt", row.Code switch
        {
            "malformedRow" => "De regel heeft geen drie velden, of een aanhalingsteken staat verkeerd.",
            "notFound" => "Er is geen bestelling met deze referentie.",
            "kitOrderNotPicking" => "Deze bestelling staat niet in een pickbatch, dus kan nog niet verzonden worden.",
            "trackingNumberInUse" => "Dit trackingnummer hoort al bij een andere bestelling.",
            "alreadyShipped" => "Deze bestelling is al verzonden met een ander trackingnummer.",
            "validationFailed" => "De vervoerder ontbreekt, of het trackingnummer is geen 6 tot 40 letters en cijfers.",
            Error.ConcurrentChangeCode => "De bestelling veranderde op hetzelfde moment. Lees het bestand nog eens in.",
            _ => $"Niet verwerkt ({row.Code}).",
        }),
    };
}
