using System.Globalization;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The programme office's activity pages (pages.md, "Staff"; admin session): <c>/programmabureau</c> lists a year's
/// activities in every status with one search box and filters (GET, paged with the opaque cursor in <c>na</c>), and
/// <c>/programmabureau/activiteiten/{id}</c> shows one with its contact fields and history and rejects it with a reason
/// (<b>Reden</b>, <b>Afwijzen</b>), sending <see cref="RejectActivity.Command"/> as the API does.
/// </summary>
public static class OfficeActivityPages
{
    public const string Prefix = "/programmabureau";

    public static string DetailPath(Guid id) => $"{Prefix}/activiteiten/{id}";

    /// <summary>The office's words for the statuses (the initiator's pages speak to the initiator).</summary>
    public static string StatusLabel(string status) => status switch
    {
        ActivityStatus.PendingVerification => "Wacht op bevestiging",
        ActivityStatus.Published => "Gepubliceerd",
        ActivityStatus.Cancelled => "Geannuleerd",
        ActivityStatus.Rejected => "Afgewezen",
        _ => status,
    };

    public static IEnumerable<KeyValuePair<string, string>> StatusOptions =>
        ListOfficeActivities.Statuses.Select(s => KeyValuePair.Create(s, StatusLabel(s)));

    private static readonly Dictionary<string, (string Field, string Message)> ListErrors = new()
    {
        ["year"] = ("jaar", "Kies een jaar tussen 2000 en 2100."),
        ["status"] = ("status", "Kies een status uit de lijst."),
        ["municipality"] = ("gemeente", "Kies een gemeente uit de lijst."),
        ["province"] = ("provincie", "Kies een provincie uit de lijst."),
        ["type"] = ("soort", "Kies een soort activiteit uit de lijst."),
        ["q"] = ("q", "Zoek op hoogstens 100 tekens, zonder regeleinden."),
        ["cursor"] = ("q", "Deze vervolgpagina bestaat niet meer; zoek opnieuw."),
    };

    private static readonly Dictionary<string, (string Field, string Message)> RejectErrors = new()
    {
        ["reason"] = ("reden", "Geef een reden van 3 tot 1000 tekens."),
    };

    public static IEndpointRouteBuilder MapOfficeActivityPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapStaffPages(Prefix, StaffPolicies.AdminPages);
        group.MapGet("/", ListAsync);
        group.MapGet("/activiteiten/{id:guid}", async (Guid id, string? gedaan, IMediator mediator, CancellationToken ct) =>
            await DetailAsync(id, FormState.Empty, gedaan == "afgewezen" ? RejectedNotice : null, null, mediator, ct));
        group.MapPost("/activiteiten/{id:guid}/afwijzen", RejectAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IMediator mediator, MunicipalityDirectory municipalities,
        TimeProvider clock, CancellationToken ct)
    {
        var form = new FormState();
        foreach (var name in new[] { "jaar", "q", "status", "provincie", "gemeente", "soort" })
        {
            form.Set(name, http.Request.Query[name].ToString());
        }

        string? Filter(string name) => form.Value(name) is { Length: > 0 } value ? value.Trim() : null;
        var editions = await mediator.Send(new ListEditions.Query(), ct);
        var year = (await ActivityPages.ComingEditionAsync(mediator, clock, ct))?.Year ?? AmsterdamTime.ToLocal(clock.GetUtcNow()).Year;
        if (Filter("jaar") is { } yearText)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                year = parsed;
            }
            else
            {
                form.AddError("jaar", ListErrors["year"].Message);
            }
        }

        form.Set("jaar", year.ToString(CultureInfo.InvariantCulture));
        var years = editions.Select(e => e.Year).Append(year).Distinct().Order().ToArray();
        var municipality = Filter("gemeente") is { } wanted ? municipalities.FindByCodeOrName(wanted)?.Code ?? wanted : null;
        var cursor = http.Request.Query["na"].ToString() is { Length: > 0 } after ? after : null;
        if (!form.HasErrors)
        {
            try
            {
                var result = await mediator.Send(new ListOfficeActivities.Query(year, Filter("status"), municipality, Filter("provincie"),
                    Filter("soort"), Filter("q"), null, cursor), ct);
                var next = result.NextCursor is null ? null : NextPageUrl(http.Request, result.NextCursor);
                return PagesExtensions.Page<OfficeActivitiesPage>(new { Filters = form, Years = years, Result = result, NextPage = next });
            }
            catch (ValidationException invalid)
            {
                form.AddErrors(invalid, ListErrors, "q");
            }
        }

        return PagesExtensions.Page<OfficeActivitiesPage>(new { Filters = form, Years = years },
            StatusCodes.Status422UnprocessableEntity);
    }

    private const string RejectedNotice = "De activiteit is afgewezen. Ze staat niet meer in de activiteitenkalender en de "
        + "contactpersoon krijgt een e-mail met je reden. Aanmeldingen en een pakketbestelling die nog niet verstuurd is, "
        + "worden geannuleerd.";

    private static async Task<IResult> DetailAsync(Guid id, FormState reject, string? notice, string? problem, IMediator mediator,
        CancellationToken ct, int status = StatusCodes.Status200OK) =>
        (await mediator.Send(new GetOfficeActivity.Query(id), ct)).Match<IResult>(
            view => PagesExtensions.Page<OfficeActivityPage>(new { View = view, Reject = reject, Notice = notice, Problem = problem },
                status),
            _ => PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound));

    private static async Task<IResult> RejectAsync(Guid id, IFormCollection posted, HttpContext http, IMediator mediator,
        CancellationToken ct)
    {
        var form = FormState.From(posted);
        try
        {
            var result = await mediator.Send(new RejectActivity.Command(id, form.Value("reden"), StaffIdentity.Id(http.User)), ct);
            return await result.Match<Task<IResult>>(
                _ => Task.FromResult(Results.Redirect(DetailPath(id) + "?gedaan=afgewezen")),
                error => DetailAsync(id, form, null, error.Code == "activityNotRejectable"
                        ? "Niet afgewezen: deze activiteit is al geannuleerd of afgewezen."
                        : "Niet afgewezen: de activiteit veranderde net. Kijk of afwijzen nog nodig is en probeer het nog eens.",
                    mediator, ct, StatusCodes.Status409Conflict));
        }
        catch (ValidationException invalid)
        {
            return await DetailAsync(id, form.AddErrors(invalid, RejectErrors, "reden"), null, null, mediator, ct,
                StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static string NextPageUrl(HttpRequest request, string cursor)
    {
        var parameters = request.Query.Where(p => p.Key != "na" && !string.IsNullOrEmpty(p.Value.ToString()))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            .Append(KeyValuePair.Create("na", (string?)cursor));
        return Prefix + QueryString.Create(parameters);
    }
}
