using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Platform;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// The programme office's page for AVG requests at <see cref="Path"/> (admin session): search an address (an access
/// request, recorded as the API records it), the earlier requests about it, the answer to send (print view, JSON
/// download) and erasure with a confirmation step. Each step sends the API's own request (<see cref="FindPerson"/>,
/// <see cref="ListPrivacyRequests"/>, <see cref="ErasePerson"/>) with the session's staff id.
/// The address travels only in POST bodies, never in a URL: it is personal data, and a URL ends up in access logs,
/// browser history and proxies. A search is a POST anyway: it records an access request, so it is not a safe GET.
/// Lists are not paged: an access answer must be complete, and it holds one person's records.
/// </summary>
public static class PrivacyRequestsPage
{
    public const string Path = "/programmabureau/privacyverzoeken";

    private static readonly Dictionary<string, (string Field, string Message)> DutchErrors = new()
    {
        ["email"] = ("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        ["reason"] = ("reden", "Vul een reden in van 3 tot 1000 tekens, zonder het e-mailadres."),
    };

    public static IEndpointRouteBuilder MapPrivacyRequestsPage(this IEndpointRouteBuilder app)
    {
        var pages = app.MapStaffPages(Path, StaffPolicies.AdminPages);
        pages.MapGet(string.Empty, () => PagesExtensions.Page<PrivacyRequestsSearch>(new { Form = FormState.Empty }));
        pages.MapPost(string.Empty, SearchAsync);
        pages.MapPost("/afdrukken", PrintAsync);
        pages.MapPost("/download", DownloadAsync);
        pages.MapPost("/wissen", (IFormCollection posted) =>
            PagesExtensions.Page<ErasePersonStep>(new { Form = FormState.Empty.Set("email", posted["email"].ToString()) }));
        pages.MapPost("/wissen/bevestigen", EraseAsync);
        return app;
    }

    private static async Task<IResult> SearchAsync(IFormCollection posted, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var form = FormState.From(posted);
        return await FindAsync(form, http, mediator, ct) is { } person
            ? PagesExtensions.Page<PrivacyRequestsSearch>(new
            {
                Form = form,
                Person = person,
                Requests = await mediator.Send(new ListPrivacyRequests.Query(person.Email), ct),
            })
            : Invalid(form);
    }

    private static async Task<IResult> PrintAsync(
        IFormCollection posted, HttpContext http, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var form = FormState.From(posted);
        return await FindAsync(form, http, mediator, ct) is { } person
            ? PagesExtensions.Page<PersonLetter>(new { Person = person, At = clock.GetUtcNow() })
            : Invalid(form);
    }

    // The API's own serializer options, so the file is byte for byte what GET /api/admin/persons answers.
    private static async Task<IResult> DownloadAsync(IFormCollection posted, HttpContext http, IMediator mediator, TimeProvider clock,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var form = FormState.From(posted);
        if (await FindAsync(form, http, mediator, ct) is not { } person)
        {
            return Invalid(form);
        }

        http.Response.Headers.CacheControl = "no-store";
        var day = AmsterdamTime.DateOf(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Results.File(JsonSerializer.SerializeToUtf8Bytes(person, json.Value.SerializerOptions), "application/json; charset=utf-8",
            $"gegevens-week-tegen-eenzaamheid-{day}.json");
    }

    private static async Task<IResult> EraseAsync(
        IFormCollection posted, HttpContext http, IMediator mediator, TimeProvider clock, CancellationToken ct)
    {
        var form = FormState.From(posted);
        Result<ErasureCounts> erased;
        try
        {
            erased = await mediator.Send(
                new ErasePerson.Command(form.Value("email"), form.Value("reden"), StaffIdentity.Id(http.User)), ct);
        }
        catch (ValidationException invalid)
        {
            form.AddErrors(invalid, DutchErrors, "reden");
            // A bad address can only come from a changed hidden field: start again from the search form.
            return form.Error("email") is null
                ? PagesExtensions.Page<ErasePersonStep>(new { Form = form }, StatusCodes.Status422UnprocessableEntity)
                : Invalid(form);
        }

        return erased.Match<IResult>(
            counts => PagesExtensions.Page<PersonErased>(new
            {
                Email = form.Value("email")!.Trim(),
                Counts = counts,
                By = http.User.Identity?.Name ?? string.Empty,
                At = clock.GetUtcNow(),
            }),
            error => PagesExtensions.Page<ErasePersonStep>(
                new
                {
                    Form = form,
                    Problem = "Er veranderde tegelijk iets aan deze gegevens, dus er is niets gewist. Probeer het nog eens.",
                },
                error.Status));
    }

    /// <summary>FindPerson for the posted address with the session's staff id; null, with a Dutch error on the form, if invalid.</summary>
    private static async Task<FindPerson.Person?> FindAsync(FormState form, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        try
        {
            return (await mediator.Send(new FindPerson.Command(form.Value("email"), StaffIdentity.Id(http.User)), ct))
                .Match<FindPerson.Person?>(person => person, _ => null);
        }
        catch (ValidationException invalid)
        {
            form.AddErrors(invalid, DutchErrors, "email");
            return null;
        }
    }

    private static IResult Invalid(FormState form)
    {
        if (!form.HasErrors)
        {
            form.AddError("email", DutchErrors["email"].Message);
        }

        return PagesExtensions.Page<PrivacyRequestsSearch>(new { Form = form }, StatusCodes.Status422UnprocessableEntity);
    }
}
