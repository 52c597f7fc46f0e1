using System.Globalization;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

/// <summary>
/// The programme office's edition pages (admin session): <c>/programmabureau/edities</c> lists every edition's dates and
/// opens a new year; <c>/programmabureau/edities/{year}</c> edits one (a year not set up shows the default schedule) and
/// sends <see cref="SetEdition.Command"/> as <c>PUT /api/editions/{year}</c> does. Dates are Amsterdam dates; the
/// registration start and the kit order deadline are Amsterdam date and time (<c>datetime-local</c> fields).
/// </summary>
public static class EditionPages
{
    public const string ListPath = "/programmabureau/edities";

    public static string EditPath(int year) => $"{ListPath}/{year.ToString(CultureInfo.InvariantCulture)}";

    // The years SetEdition takes; checked here too, so its one message for endsOn can be the order of the two days.
    private const string DateMessage = "Vul een datum in tussen 1900 en 2200, bijvoorbeeld 2027-09-30.";
    private const string InstantMessage = "Vul een datum en tijd in tussen 1900 en 2200, bijvoorbeeld 2027-03-01 00:00.";
    private const string YearMessage = "Vul een jaar in tussen 2000 en 2100.";

    private static readonly Dictionary<string, (string Field, string Message)> Errors = new()
    {
        ["startsOn"] = ("startsOn", "Vul een datum in tussen 1900 en 2200."),
        ["endsOn"] = ("endsOn", "De laatste dag mag niet voor de eerste dag liggen."),
        ["openingOn"] = ("openingOn", "Vul een datum in tussen 1900 en 2200."),
        ["registrationOpensAt"] = ("registrationOpensAt", "Vul een datum en tijd in tussen 1900 en 2200."),
        ["kitOrderDeadline"] = ("kitOrderDeadline", "Vul een datum en tijd in tussen 1900 en 2200."),
    };

    public static IEndpointRouteBuilder MapEditionPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapStaffPages(ListPath, StaffPolicies.AdminPages);
        group.MapGet("/", async (string? gedaan, IMediator mediator, CancellationToken ct) =>
            PagesExtensions.Page<EditionsPage>(new
            {
                Editions = await mediator.Send(new ListEditions.Query(), ct),
                NewYear = FormState.Empty,
                Saved = int.TryParse(gedaan, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : (int?)null,
            }));

        group.MapGet("/nieuw", async (string? jaar, IMediator mediator, CancellationToken ct) =>
            int.TryParse(jaar, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && year is >= SetEdition.FirstYear and <= SetEdition.LastYear
                ? Results.Redirect(EditPath(year))
                : PagesExtensions.Page<EditionsPage>(
                    new
                    {
                        Editions = await mediator.Send(new ListEditions.Query(), ct),
                        NewYear = new FormState().Set("jaar", jaar).AddError("jaar", YearMessage),
                    },
                    StatusCodes.Status422UnprocessableEntity));

        group.MapGet("/{year:int}", async (int year, IMediator mediator, CancellationToken ct) =>
            (await mediator.Send(new GetEdition.Query(year), ct)).Match<IResult>(
                edition => PagesExtensions.Page<EditionForm>(new { Year = year, IsDefault = edition.IsDefault, Form = FormOf(edition) }),
                _ => PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound)));

        group.MapPost("/{year:int}", SaveAsync);
        return app;
    }

    private static async Task<IResult> SaveAsync(int year, IFormCollection posted, IMediator mediator, CancellationToken ct)
    {
        if (year is < SetEdition.FirstYear or > SetEdition.LastYear)
        {
            return PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound);
        }

        var form = FormState.From(posted);
        var body = new SetEdition.Body(
            Date(form, "startsOn"), Date(form, "endsOn"), Date(form, "openingOn"), Instant(form, "registrationOpensAt"),
            Instant(form, "kitOrderDeadline"));
        if (!form.HasErrors)
        {
            try
            {
                await mediator.Send(new SetEdition.Command(year, body), ct);
                return Results.Redirect(ListPath + "?gedaan=" + year.ToString(CultureInfo.InvariantCulture));
            }
            catch (ValidationException invalid)
            {
                form.AddErrors(invalid, Errors, "startsOn");
            }
        }

        var stored = (await mediator.Send(new ListEditions.Query(), ct)).Any(e => e.Year == year);
        return PagesExtensions.Page<EditionForm>(new { Year = year, IsDefault = !stored, Form = form },
            StatusCodes.Status422UnprocessableEntity);
    }

    private static FormState FormOf(EditionResponse edition) => new FormState()
        .Set("startsOn", DateField(edition.StartsOn))
        .Set("endsOn", DateField(edition.EndsOn))
        .Set("openingOn", DateField(edition.OpeningOn))
        .Set("registrationOpensAt", InstantField(edition.RegistrationOpensAt))
        .Set("kitOrderDeadline", InstantField(edition.KitOrderDeadline));

    private static string DateField(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // As input type="datetime-local" takes it: the Amsterdam date, "T", the Amsterdam time of day.
    private static string InstantField(DateTimeOffset instant) =>
        DateField(AmsterdamTime.DateOf(instant)) + "T" + AmsterdamTime.TimeField(instant);

    private static DateOnly? Date(FormState form, string field)
    {
        if (DateOnly.TryParseExact(form.Value(field)?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date)
            && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }

        form.AddError(field, DateMessage);
        return null;
    }

    // A browser sends "2027-03-01T00:00"; a person typing without one may write a space for the "T".
    private static DateTimeOffset? Instant(FormState form, string field)
    {
        var parts = (form.Value(field) ?? string.Empty).Trim().Split(['T', ' '], 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2
            && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2200
            && AmsterdamTime.TryParseTimeField(parts[1].Trim(), out var time))
        {
            return AmsterdamTime.Local(date.ToDateTime(time));
        }

        form.AddError(field, InstantMessage);
        return null;
    }
}
