using System.Globalization;
using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.Attendance;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The initiator's home for one activity, behind the link in the verification e-mail. Opening the link changes
/// nothing (mail scanners open links): it signs the browser in (<see cref="ManageAccess"/>) and shows the page
/// under an address without the token; every change is a form post.
/// </summary>
public static class ManagePage
{
    public const string Path = "/beheer/activiteiten/{id:guid}";

    private static readonly Dictionary<string, (string Field, string Message)> KitErrors = new()
    {
        ["lines"] = ("pakket-ontvanger", "Kies van minstens één onderdeel een aantal."),
        ["delivery.recipient"] = ("pakket-ontvanger", "Vul de naam van de ontvanger in."),
        ["delivery.street"] = ("pakket-straat", "Vul de straat van het bezorgadres in."),
        ["delivery.houseNumber"] = ("pakket-huisnummer", "Vul een huisnummer in, eventueel met toevoeging, bijvoorbeeld 12a."),
        ["delivery.postcode"] = ("pakket-postcode", "Vul een Nederlandse postcode in, bijvoorbeeld 1234 AB."),
        ["delivery.city"] = ("pakket-plaats", "Vul de plaats van het bezorgadres in."),
        ["delivery.phone"] = ("pakket-telefoon", "Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678."),
        ["wishedDeliveryDate"] = ("pakket-datum", "Kies een leverdatum vanaf vandaag en voor de dag van je activiteit."),
    };

    public static IEndpointRouteBuilder MapManagePage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Guid id, string? token, HttpContext http, IMediator mediator, ManageAccess access, TimeProvider clock,
            CancellationToken ct) =>
            {
                if (token is not null)
                {
                    // A link from an e-mail: remember the token and show the page under a clean address.
                    if (await FindAsync(mediator, id, token, ct) is null)
                    {
                        return NotValid();
                    }

                    access.Remember(http, id, token);
                    return Results.Redirect($"/beheer/activiteiten/{id}", preserveMethod: false);
                }

                return await RenderAsync(http, id, access.Token(http, id), mediator, clock, ct);
            })
            .ExcludeFromDescription();

        var owner = app.MapGroup(Path).ExcludeFromDescription();
        owner.MapPost("/bevestigen", async (Guid id, IFormCollection form, HttpContext http, IMediator mediator, ManageAccess access,
            TimeProvider clock, CancellationToken ct) =>
            {
                // The old page posted the token in the form; a browser signed in by its cookie sends none.
                var token = form["token"].ToString() is { Length: > 0 } posted ? posted : access.Token(http, id);
                var verified = await mediator.SendFromPageAsync(new VerifyActivity.Command(id, token), "Activity", ct);
                return await verified.Match(
                    _ =>
                    {
                        access.Remember(http, id, token!);
                        return RenderAsync(http, id, token, mediator, clock, ct,
                            notice: "Dank je wel, je activiteit is bevestigd en staat nu in de activiteitenkalender.");
                    },
                    error => Task.FromResult(error.Status == StatusCodes.Status404NotFound ? NotValid() : Conflict(error)));
            })
            .RequireRateLimiting(HttpExtensions.PublicWrites);

        owner.MapPost("/wijzigen", ChangeAsync).RequireRateLimiting(HttpExtensions.PublicWrites);
        owner.MapPost("/pakket", OrderKitAsync).RequireRateLimiting(HttpExtensions.PublicWrites);
        owner.MapPost("/aantal-gekomen", ReportAttendanceAsync).RequireRateLimiting(HttpExtensions.PublicWrites);

        owner.MapGet("/annuleren", async (Guid id, HttpContext http, IMediator mediator, ManageAccess access, CancellationToken ct) =>
            (await mediator.SendFromPageAsync(new GetManagedActivity.Query(id, access.Token(http, id)), "Activity", ct)).Match(
                activity => activity.Status == ActivityStatus.Published
                    ? PagesExtensions.Page<CancelActivityPage>(new { Activity = activity })
                    : Results.Redirect($"/beheer/activiteiten/{id}"),
                _ => NotValid()));

        owner.MapPost("/annuleren", async (Guid id, IFormCollection form, HttpContext http, IMediator mediator, ManageAccess access,
            TimeProvider clock, CancellationToken ct) =>
            {
                var token = access.Token(http, id);
                var cancelled = await mediator.SendFromPageAsync(new CancelActivity.Command(id, token), "Activity", ct);
                return await cancelled.Match(
                    _ => RenderAsync(http, id, token, mediator, clock, ct,
                        notice: "Je activiteit is geannuleerd. De deelnemers krijgen een e-mail."),
                    error => Task.FromResult(error.Status == StatusCodes.Status404NotFound ? NotValid() : Conflict(error)));
            })
            .RequireRateLimiting(HttpExtensions.PublicWrites);

        owner.MapGet("/gegevens-wissen", async (Guid id, HttpContext http, IMediator mediator, ManageAccess access, TimeProvider clock,
            CancellationToken ct) =>
            (await mediator.SendFromPageAsync(new GetManagedActivity.Query(id, access.Token(http, id)), "Activity", ct)).Match(
                activity => activity.Status is ActivityStatus.Cancelled or ActivityStatus.Rejected || clock.GetUtcNow() >= activity.EndsAt
                    ? PagesExtensions.Page<EraseActivityPage>(new { Activity = activity })
                    : Results.Redirect($"/beheer/activiteiten/{id}"),
                _ => NotValid()));

        owner.MapPost("/gegevens-wissen", async (Guid id, IFormCollection form, HttpContext http, IMediator mediator, ManageAccess access,
            CancellationToken ct) =>
            (await mediator.SendFromPageAsync(new Privacy.EraseActivity.Command(id, access.Token(http, id)), "Activity", ct)).Match(
                counts => PagesExtensions.Page<MessagePage>(new
                {
                    Title = "Gegevens gewist",
                    Message = $"De namen en e-mailadressen van {counts.SignUpsErased} aanmeldingen zijn gewist"
                        + (counts.ContactsErased > 0 ? ", net als je contactgegevens" : string.Empty)
                        + (counts.KitOrderAddressesErased > 0 ? " en het bezorgadres van je Kom-Erbij pakket" : string.Empty)
                        + $". Ook {counts.EmailsDeleted} e-mails over de activiteit zijn verwijderd. "
                        + "Het aantal aanmeldingen blijft bewaard voor de cijfers van de Week.",
                }),
                error => error.Status == StatusCodes.Status404NotFound ? NotValid() : Conflict(error)));

        owner.MapGet("/aanmeldingen", async (Guid id, HttpContext http, IMediator mediator, ManageAccess access, CancellationToken ct) =>
            {
                var token = access.Token(http, id);
                if (await mediator.SendFromPageAsync(new GetManagedActivity.Query(id, token), "Activity",
                    ct) is not Result<ManagedActivity>.Success { Value: var activity }
                    || await mediator.SendFromPageAsync(new ListSignUps.Query(id, token), "Activity",
                        ct) is not Result<ListSignUps.SignUpList>.Success { Value: var list })
                {
                    return NotValid();
                }

                return PagesExtensions.Page<SignUpPrintPage>(new { Activity = activity, Registrations = list });
            });

        owner.MapGet("/aanmeldingen.csv", async (Guid id, HttpContext http, IMediator mediator, ManageAccess access,
            CancellationToken ct) =>
            (await mediator.SendFromPageAsync(new ListSignUps.Query(id, access.Token(http, id)), "Activity", ct)).Match(
                list =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return Results.File(ListSignUps.ToCsv(list), ExcelCsv.ContentType + "; charset=utf-8",
                        $"aanmeldingen-{list.ActivityId}.csv");
                },
                _ => NotValid()));
        return app;
    }

    private static async Task<IResult> ChangeAsync(
        Guid id, IFormCollection posted, HttpContext http, IMediator mediator, ManageAccess access,
            IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider clock, CancellationToken ct)
    {
        var token = access.Token(http, id);
        if (await FindAsync(mediator, id, token, ct) is not { } before)
        {
            return NotValid();
        }

        var form = FormState.From(posted);
        var input = ActivityForm.ToInput<ActivityInput>(form);
        if (input is null)
        {
            return await RenderAsync(http, id, token, mediator, clock, ct, changeForm: form);
        }

        try
        {
            var changed = await mediator.SendFromPageAsync(new ChangeActivity.Command(id, token, ActivityForm.ToPatch(input,
                json.Value.SerializerOptions)), "Activity", ct);
            return await changed.Match(
                _ => RenderAsync(http, id, token, mediator, clock, ct, notice: ActivityForm.MovesTimeOrPlace(before, input)
                    ? "Je wijzigingen zijn opgeslagen. De deelnemers krijgen een e-mail over de nieuwe tijd of plaats."
                    : "Je wijzigingen zijn opgeslagen."),
                error => RenderAsync(http, id, token, mediator, clock, ct, changeForm: form.AddError("titel", DutchConflict(error))));
        }
        catch (ValidationException invalid)
        {
            return await RenderAsync(http, id, token, mediator, clock, ct, changeForm: form.AddErrors(invalid, ActivityForm.Errors,
                "titel"));
        }
    }

    private static async Task<IResult> OrderKitAsync(
        Guid id, IFormCollection posted, HttpContext http, IMediator mediator, ManageAccess access, TimeProvider clock,
            CancellationToken ct)
    {
        var token = access.Token(http, id);
        var form = FormState.From(posted);
        var lines = new List<PlaceKitOrder.LineInput?>();
        foreach (var item in await mediator.Send(new ListKitItems.Query(), ct))
        {
            var field = $"aantal-{item.Sku}";
            if (form.Value(field) is not { Length: > 0 } text || text.Trim() == "0")
            {
                continue;
            }

            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
                out var quantity) && quantity <= item.MaxPerOrder)
            {
                lines.Add(new PlaceKitOrder.LineInput { Sku = item.Sku, Quantity = quantity });
            }
            else
            {
                form.AddError(field, $"Vul een aantal in van 0 tot en met {item.MaxPerOrder}.");
            }
        }

        DateOnly? wished = null;
        if (form.Value("pakket-datum") is { Length: > 0 } day)
        {
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                wished = parsed;
            }
            else
            {
                form.AddError("pakket-datum", "Vul een datum in, bijvoorbeeld 2027-09-25.");
            }
        }

        if (form.HasErrors)
        {
            return await RenderAsync(http, id, token, mediator, clock, ct, kitForm: form);
        }

        string? Text(string name) => form.Value(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;
        var command = new PlaceKitOrder.Command
        {
            ActivityId = id,
            ManageToken = token,
            Lines = lines,
            Delivery = new PlaceKitOrder.DeliveryInput
            {
                Recipient = Text("pakket-ontvanger"),
                Street = Text("pakket-straat"),
                HouseNumber = Text("pakket-huisnummer"),
                Postcode = Text("pakket-postcode"),
                City = Text("pakket-plaats"),
                Phone = Text("pakket-telefoon"),
            },
            WishedDeliveryDate = wished,
        };
        try
        {
            var placed = await mediator.SendFromPageAsync(command, "Activity", ct);
            return await placed.Match(
                order => RenderAsync(http, id, token, mediator, clock, ct,
                    notice: $"Je Kom-Erbij pakket is besteld (bestelnummer {order.Reference}). Je krijgt een e-mail."),
                error => RenderAsync(http, id, token, mediator, clock, ct, kitForm: error.Errors?.ContainsKey("wishedDeliveryDate") == true
                    ? form.AddError("pakket-datum", KitErrors["wishedDeliveryDate"].Message)
                    : form.AddError("pakket-ontvanger", DutchConflict(error))));
        }
        catch (ValidationException invalid)
        {
            return await RenderAsync(http, id, token, mediator, clock, ct, kitForm: form.AddErrors(invalid, KitErrors, "pakket-ontvanger"));
        }
    }

    private static async Task<IResult> ReportAttendanceAsync(
        Guid id, IFormCollection posted, HttpContext http, IMediator mediator, ManageAccess access, TimeProvider clock,
            CancellationToken ct)
    {
        var token = access.Token(http, id);
        var form = FormState.From(posted);
        if (!int.TryParse(form.Value("gekomen")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
            out var attended) || attended > ReportAttendance.MaxAttended)
        {
            return await RenderAsync(http, id, token, mediator, clock, ct, attendanceForm: form.AddError("gekomen",
                "Vul een geheel getal in, bijvoorbeeld 25."));
        }

        var reported = await mediator.SendFromPageAsync(new ReportAttendance.Command(id, token, attended), "Activity", ct);
        return await reported.Match(
            _ => RenderAsync(http, id, token, mediator, clock, ct,
                notice: $"Dank je wel! We hebben genoteerd dat er {attended} mensen kwamen."),
            error => RenderAsync(http, id, token, mediator, clock, ct, attendanceForm: form.AddError("gekomen", DutchConflict(error))));
    }

    private static async Task<IResult> RenderAsync(
        HttpContext http, Guid id, string? token, IMediator mediator, TimeProvider clock, CancellationToken ct,
        string? notice = null, FormState? changeForm = null, FormState? kitForm = null, FormState? attendanceForm = null)
    {
        if (await FindAsync(mediator, id, token, ct) is not { } activity)
        {
            return NotValid();
        }

        var registrations = await mediator.SendFromPageAsync(new ListSignUps.Query(id, token), "Activity",
            ct) is Result<ListSignUps.SignUpList>.Success { Value: var list } ? list : null;
        var kitOrder = await mediator.SendFromPageAsync(new GetKitOrder.Query(id, token), "Activity",
            ct) is Result<KitOrderView>.Success { Value: var order } ? order : null;
        var hasErrors = changeForm?.HasErrors == true || kitForm?.HasErrors == true || attendanceForm?.HasErrors == true;
        return PagesExtensions.Page<ManageActivityPage>(
            new
            {
                Activity = activity,
                Registrations = registrations,
                KitOrder = kitOrder,
                KitItems = kitOrder is null ? await mediator.Send(new ListKitItems.Query(), ct) : [],
                ChangeForm = changeForm ?? ActivityForm.From(activity),
                KitForm = kitForm ?? new FormState()
                    .Set("pakket-ontvanger", activity.Organiser.ContactName)
                    .Set("pakket-straat", activity.Location.Street)
                    .Set("pakket-huisnummer", activity.Location.HouseNumber)
                    .Set("pakket-postcode", activity.Location.Postcode)
                    .Set("pakket-plaats", activity.Location.City)
                    .Set("pakket-telefoon", activity.Organiser.Phone),
                AttendanceForm = attendanceForm ?? FormState.Empty,
                Notice = notice,
                Now = clock.GetUtcNow(),
            },
            hasErrors ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    // The activity when the token (from the address, a cookie or an owner session) may manage it; null shows "link niet geldig".
    private static async Task<ManagedActivity?> FindAsync(IMediator mediator, Guid id, string? token, CancellationToken ct) =>
        await mediator.SendFromPageAsync(new GetManagedActivity.Query(id, token), "Activity", ct) is Result<ManagedActivity>.Success
            { Value: var activity } ? activity : null;

    private static string DutchConflict(Error error) => error.Code switch
    {
        "activityClosed" => "Deze activiteit is geannuleerd of niet geplaatst en kan niet meer worden gewijzigd.",
        "activityNotPublished" => "Een pakket bestellen kan pas als je activiteit is bevestigd.",
        "kitOrderDeadlinePassed" => "Bestellen kan niet meer: de besteltermijn voor het Kom-Erbij pakket is voorbij.",
        "kitOrderExists" or "alreadyOrdered" => "Voor deze activiteit is al een pakket besteld.",
        "activityNotStarted" => "De activiteit is nog niet begonnen; geef de opkomst daarna door.",
        "activityStarted" => "De activiteit is al begonnen en kan niet meer worden gewijzigd.",
        "activityNotOver" => "Gegevens wissen kan pas als de activiteit voorbij, geannuleerd of niet geplaatst is.",
        _ => "Dat lukte niet: " + error.Title,
    };

    private static IResult Conflict(Error error) =>
        PagesExtensions.Page<MessagePage>(new { Title = "Dat lukte niet", Message = DutchConflict(error) }, error.Status);

    private static IResult NotValid() => PagesExtensions.Page<MessagePage>(
        new
        {
            Title = "Link niet geldig",
            Message = "Deze link is niet (meer) geldig. Is je activiteit langer dan 72 uur geleden aangemeld en nooit bevestigd, "
                + "dan is ze vervallen; meld haar dan opnieuw aan. Via Mijn activiteiten vraag je een nieuwe inloglink aan.",
        },
        StatusCodes.Status404NotFound);
}
