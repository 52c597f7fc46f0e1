using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>The public pages of the activities slice: start page, search and one activity (pages.md, "Public").</summary>
public static class ActivityPages
{
    public const int PageSize = 20;

    /// <summary>The public page of an activity: calendar entries and e-mails link here.</summary>
    public static string PublicPath(Guid id) => $"/activiteiten/{id}";

    private static readonly Dictionary<string, (string Field, string Message)> SearchErrors = new()
    {
        ["year"] = ("jaar", "Kies een jaar tussen 2000 en 2100."),
        ["municipality"] = ("gemeente", "Kies een gemeente uit de lijst."),
        ["province"] = ("provincie", "Kies een provincie uit de lijst."),
        ["type"] = ("soort", "Kies een soort activiteit uit de lijst."),
        ["targetGroup"] = ("doelgroep", "Kies een doelgroep uit de lijst."),
        ["from"] = ("datum", "Vul een datum in, bijvoorbeeld 2027-10-01."),
        ["to"] = ("datum", "Vul een datum in, bijvoorbeeld 2027-10-01."),
        ["q"] = ("q", "Zoek op hoogstens 100 tekens."),
        ["cursor"] = ("q", "Deze vervolgpagina bestaat niet meer; zoek opnieuw."),
    };

    public static IEndpointRouteBuilder MapActivityPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (IMediator mediator, TimeProvider clock, CancellationToken ct) =>
                PagesExtensions.Page<HomePage>(new { Edition = await ComingEditionAsync(mediator, clock, ct), Filters = FormState.Empty }))
            .ExcludeFromDescription();

        app.MapGet("/activiteiten", SearchAsync).ExcludeFromDescription();

        app.MapGet("/activiteiten/{id:guid}", async (Guid id, IMediator mediator, TimeProvider clock, CancellationToken ct) =>
                (await mediator.Send(new GetActivity.Query(id, IncludeCancelled: true), ct)).Match<IResult>(
                    activity => PagesExtensions.Page<ActivityPage>(new { Activity = activity,
                        Started = clock.GetUtcNow() >= activity.StartsAt }),
                    _ => PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound)))
            .ExcludeFromDescription();

        app.MapGet("/activiteiten/{id:guid}/calendar.ics", async (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetActivityCalendar.Query(id), ct)).Match<IResult>(
                    ics => Results.Text(ics, ActivityCalendar.ContentType + "; charset=utf-8"),
                    _ => PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound)))
            .ExcludeFromDescription();
        app.MapGet("/activiteit-aanmelden", async (IMediator mediator, TimeProvider clock, CancellationToken ct) =>
                PagesExtensions.Page<RegisterActivityForm>(new
                {
                    Edition = await ComingEditionAsync(mediator, clock, ct),
                    Form = new FormState().Set("aanmelden", "true").Set("gratis", "true"),
                }))
            .ExcludeFromDescription();

        app.MapPost("/activiteit-aanmelden", RegisterAsync)
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> RegisterAsync(IFormCollection posted, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var form = FormState.From(posted);
        var command = ActivityForm.ToInput<RegisterActivity.Command>(form);
        if (command is not null)
        {
            try
            {
                await mediator.Send(command, ct);
                return PagesExtensions.Page<MessagePage>(new
                {
                    Title = "Controleer je e-mail",
                    Message = $"Dank je wel! We hebben een e-mail gestuurd naar {command.Organiser!.ContactEmail}. "
                        + "Klik op de link in die e-mail om je activiteit te bevestigen; pas daarna komt ze in de activiteitenkalender. "
                        + "Geen e-mail gekregen? Kijk ook in je map met ongewenste e-mail.",
                });
            }
            catch (ValidationException invalid)
            {
                form.AddErrors(invalid, ActivityForm.Errors, "titel");
            }
        }

        return PagesExtensions.Page<RegisterActivityForm>(
            new { Edition = await ComingEditionAsync(mediator, clock, ct), Form = form }, StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The first edition whose Week has not ended (Amsterdam days), or the last one when all have.</summary>
    public static async Task<EditionResponse?> ComingEditionAsync(IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var editions = await mediator.Send(new ListEditions.Query(), ct);
        var today = AmsterdamTime.DateOf(clock.GetUtcNow());
        return editions.FirstOrDefault(e => e.EndsOn >= today) ?? editions.LastOrDefault();
    }

    private static readonly string[] SearchParameters = ["jaar", "gemeente", "provincie", "soort", "doelgroep", "datum", "q"];

    private static async Task<IResult> SearchAsync(
        HttpContext http, IMediator mediator, MunicipalityDirectory municipalities, PublicReadCache cache,
            IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        TimeProvider clock, CancellationToken ct)
    {
        // The rendered page is kept under the filters as typed, so a repeated search costs neither a query nor a render
        // (about 27 KB of HTML with every municipality in the filter); any commit empties the cache, as for the API.
        var htmlKey = "html:" + KnownFilters(http.Request, SearchParameters.Append("na")).Value;
        if (cache.TryGet(htmlKey, out var cachedHtml))
        {
            return Results.Bytes(cachedHtml, PagesExtensions.HtmlContentType);
        }

        var generation = cache.Generation;
        var form = new FormState();
        foreach (var name in SearchParameters)
        {
            form.Set(name, http.Request.Query[name].ToString());
        }

        string? Filter(string name) => form.Value(name) is { Length: > 0 } value ? value.Trim() : null;
        var municipality = Filter("gemeente") is { } wanted ? municipalities.FindByCodeOrName(wanted)?.Code ?? wanted : null;
        if (municipality is not null)
        {
            form.Set("gemeente", municipality);
        }

        int? year = null;
        if (Filter("jaar") is { } yearText)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                year = parsed;
            }
            else
            {
                form.AddError("jaar", SearchErrors["year"].Message);
            }
        }

        year ??= (await ComingEditionAsync(mediator, clock, ct))?.Year;
        var cursor = http.Request.Query["na"].ToString() is { Length: > 0 } after ? after : null;
        var query = new SearchActivities.Query(year, municipality, Filter("provincie"), Filter("soort"), Filter("doelgroep"),
            Filter("datum"), Filter("datum"), Filter("q"), PageSize, cursor);
        if (form.HasErrors)
        {
            return PagesExtensions.Page<SearchActivitiesPage>(new { Filters = form, Year = year },
                StatusCodes.Status422UnprocessableEntity);
        }

        try
        {
            var result = await CachedSearchAsync(query, cache, mediator, json.Value.SerializerOptions, ct);
            var next = result.NextCursor is null ? null : NextPageUrl(http.Request, result.NextCursor);
            var html = Encoding.UTF8.GetBytes(await PagesExtensions.RenderAsync<SearchActivitiesPage>(http.RequestServices,
                new { Filters = form, Year = year, Result = result, NextPage = next }));
            cache.Set(htmlKey, generation, html);
            return Results.Bytes(html, PagesExtensions.HtmlContentType);
        }
        catch (ValidationException invalid)
        {
            form.AddErrors(invalid, SearchErrors, "q");
            return PagesExtensions.Page<SearchActivitiesPage>(new { Filters = form, Year = year },
                StatusCodes.Status422UnprocessableEntity);
        }
    }

    // The same cache as the API search: entries live until the next commit, so the page's and the API's answers agree.
    private static async Task<SearchActivities.Page> CachedSearchAsync(
        SearchActivities.Query query, PublicReadCache cache, IMediator mediator, JsonSerializerOptions json, CancellationToken ct)
    {
        var key = "page:" + JsonSerializer.Serialize(query, json);
        if (cache.TryGet(key, out var body) && JsonSerializer.Deserialize<SearchActivities.Page>(body, json) is { } cached)
        {
            return cached;
        }

        var generation = cache.Generation;
        var page = await mediator.Send(query, ct);
        cache.Set(key, generation, JsonSerializer.SerializeToUtf8Bytes(page, json));
        return page;
    }

    // Only the known filters, each escaped: the cached page is served to whoever asks the same search, so its link to
    // the next page must not carry another visitor's extra parameters, and "a&b" must not share a key with "a", "b".
    private static string NextPageUrl(HttpRequest request, string cursor) =>
        "/activiteiten" + KnownFilters(request, SearchParameters).Add("na", cursor);

    private static QueryString KnownFilters(HttpRequest request, IEnumerable<string> names) =>
        QueryString.Create(names.Select(name => KeyValuePair.Create(name, (string?)request.Query[name].ToString()))
            .Where(pair => pair.Value is { Length: > 0 }));
}
