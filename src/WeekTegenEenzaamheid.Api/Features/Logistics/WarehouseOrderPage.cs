using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.WebUtilities;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// One order at <c>/magazijn/bestellingen/{reference}</c>: its details and history, the shipment form and the cancel steps.
/// The shipment is made for a barcode scanner: on an order in a pick batch the <b>Trackingnummer</b> field has the focus,
/// the scanner types the number and presses Enter, and the answer is the page of the next order of the same pick batch
/// waiting to ship (<see cref="NextOrderToShip"/>, in the printed slips' order), with a confirmation of the one just shipped
/// and the focus again in <b>Trackingnummer</b>.
/// </summary>
public static partial class WarehouseOrderPage
{
    public const string DefaultCarrier = TrackAndTrace.PostNL;

    private static readonly Dictionary<string, (string Field, string Message)> ShipmentErrors = new()
    {
        ["carrier"] = ("carrier", "Vul de vervoerder in, bijvoorbeeld PostNL."),
        ["trackingNumber"] = ("trackingNumber", "Een trackingnummer is 6 tot 40 letters en cijfers, bijvoorbeeld 3SABCD1234567."),
    };

    /// <summary>GET: the order; <c>gedaan</c> confirms what was just done, <c>vorige</c> names the order just shipped.</summary>
    public static async Task<IResult> Show(
        string reference, string? gedaan, string? vorige, string? vervoerder, IMediator mediator, CancellationToken ct)
    {
        // The address names the order just shipped; only a reference is shown, so a link cannot put other words on the page.
        vorige = vorige is not null && ReferencePattern().IsMatch(vorige) ? vorige : null;
        var notice = gedaan switch
        {
            "verzonden" when vorige is null => null,
            "verzonden" when !string.Equals(vorige, reference, StringComparison.OrdinalIgnoreCase) =>
                $"Bestelling {vorige} is verzonden. Dit is de volgende bestelling die klaarstaat: scan het trackingnummer.",
            "verzonden" => $"Bestelling {vorige} is verzonden. Er staan geen bestellingen meer klaar om te verzenden.",
            "geannuleerd" => "De bestelling is geannuleerd. De initiatiefnemer krijgt een e-mail met de reden.",
            _ => null,
        };
        var shipment = FormState.Empty.Set("carrier", string.IsNullOrWhiteSpace(vervoerder) ? DefaultCarrier : vervoerder.Trim());
        return await PageAsync(reference, mediator, notice, shipment, FormState.Empty, StatusCodes.Status200OK, ct);
    }

    /// <summary>POST: records the shipment, then goes on to the next order waiting to ship (or back here when there is none).</summary>
    public static async Task<IResult> Ship(
        string reference, IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        Result<RecordShipment.Shipped> result;
        try
        {
            result = await mediator.Send(new RecordShipment.Command(
                reference, form.Value("carrier"), form.Value("trackingNumber"), StaffIdentity.Id(http.User)), ct);
        }
        catch (ValidationException exception)
        {
            form.AddErrors(exception, ShipmentErrors, "trackingNumber");
            return await PageAsync(reference, mediator, null, form, FormState.Empty, StatusCodes.Status422UnprocessableEntity, ct);
        }

        return await result.Match(
            async shipped =>
            {
                var target = await mediator.Send(new NextOrderToShip.Query(shipped.Reference), ct) ?? shipped.Reference;
                return Results.Redirect(QueryHelpers.AddQueryString(WarehousePages.OrderPath(target), new Dictionary<string, string?>
                {
                    ["gedaan"] = "verzonden",
                    ["vorige"] = shipped.Reference,
                    ["vervoerder"] = shipped.Shipment.Carrier,
                }));
            },
            async error =>
            {
                if (error.Status == StatusCodes.Status404NotFound)
                {
                    return OrderNotFound();
                }

                form.AddError("trackingNumber", error.Code switch
                {
                    "alreadyShipped" => "Deze bestelling is al verzonden met een ander trackingnummer.",
                    "kitOrderNotPicking" => "Deze bestelling staat niet in een pickbatch en kan nog niet worden verzonden.",
                    "trackingNumberInUse" => "Dit trackingnummer hoort al bij een andere bestelling. Scan het nog eens.",
                    _ => "De bestelling veranderde op hetzelfde moment. Probeer het opnieuw.",
                });
                return await PageAsync(reference, mediator, null, form, FormState.Empty, error.Status, ct);
            });
    }

    /// <summary>
    /// POST, twice: first the reason is checked and a confirmation page shows it (button <b>Ja, annuleer de bestelling</b>);
    /// that page posts it again with <c>bevestigd=ja</c>, which cancels.
    /// </summary>
    public static async Task<IResult> Cancel(
        string reference, IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        var reason = form.Value("reason")?.Trim() ?? string.Empty;
        if (reason.Length is < 3 or > 500)
        {
            form.AddError("reason", "Vul een reden in van 3 tot 500 tekens. De initiatiefnemer krijgt die te lezen.");
            return await PageAsync(reference, mediator, null, FormState.Empty, form, StatusCodes.Status422UnprocessableEntity, ct);
        }

        if (form.Value("bevestigd") != "ja")
        {
            return (await mediator.Send(new GetStaffKitOrder.Query(reference), ct)).Match(
                order => PagesExtensions.Page<WarehouseCancelPage>(new { Order = order, Reason = reason }),
                _ => OrderNotFound());
        }

        Result<LogisticsOrderView> cancelled;
        try
        {
            cancelled = await mediator.Send(
                new CancelKitOrderByStaff.Command(reference, reason, StaffIdentity.Id(http.User)), ct);
        }
        catch (ValidationException)
        {
            form.AddError("reason", "Vul een reden in van 3 tot 500 tekens, op één of meer regels.");
            return await PageAsync(reference, mediator, null, FormState.Empty, form, StatusCodes.Status422UnprocessableEntity, ct);
        }

        return await cancelled.Match<Task<IResult>>(
            order => Task.FromResult(Results.Redirect(WarehousePages.OrderPath(order.Reference) + "?gedaan=geannuleerd")),
            async error => error.Status == StatusCodes.Status404NotFound
                ? OrderNotFound()
                : await PageAsync(reference, mediator, null, FormState.Empty, form.AddError("reason", error.Code == "kitOrderNotCancellable"
                    ? "Deze bestelling is al verzonden en kan niet meer worden geannuleerd."
                    : "De bestelling veranderde op hetzelfde moment. Probeer het opnieuw."), error.Status, ct));
    }

    private static async Task<IResult> PageAsync(
        string reference, IMediator mediator, string? notice, FormState shipment, FormState cancel, int status, CancellationToken ct) =>
        (await mediator.Send(new GetStaffKitOrder.Query(reference), ct)).Match(
            order => PagesExtensions.Page<WarehouseOrderView>(
                new { Order = order, Notice = notice, ShipmentForm = shipment, CancelForm = cancel }, status),
            _ => OrderNotFound());

    [GeneratedRegex("^KE-[0-9]{4}-[0-9]{5}$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    private static IResult OrderNotFound() =>
        WarehousePages.NotFound("Bestelling niet gevonden", "Er is geen bestelling met deze referentie.");
}
