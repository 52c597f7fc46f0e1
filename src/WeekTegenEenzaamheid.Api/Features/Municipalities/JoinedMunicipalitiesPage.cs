using System.Security.Claims;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Reports;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>
/// <c>/programmabureau/gemeenten/{year}</c>: the joined municipalities as a page, with the same requests as the API
/// (<see cref="GetJoinedMunicipalities"/>, <see cref="SetJoinedMunicipalities"/>, <see cref="ImportJoinedMunicipalities"/>).
/// </summary>
public static class JoinedMunicipalitiesPage
{
    /// <summary>Files larger than this are not a list of 342 municipalities (the form's limit: <see cref="FileForms"/>).</summary>
    public const long MaxFileBytes = 1024 * 1024;

    /// <summary>Maps GET (the page), POST (Opslaan: the ticked list) and POST …/bestand (Bestand inlezen) on the group.</summary>
    public static RouteGroupBuilder MapJoinedMunicipalitiesPage(this RouteGroupBuilder group)
    {
        group.MapGet("/gemeenten/{year:int}", async (int year, IMediator mediator, MunicipalityDirectory directory,
            CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetJoinedMunicipalities.Query(year), "Edition", ct)).Match<IResult>(
                    list => PagesExtensions.Page<JoinedMunicipalitiesPageView>(new { Year = year, List = list, Directory = directory }),
                    _ => ReportPages.NoSuchYear(year)));

        group.MapPost("/gemeenten/{year:int}", async (int year, IFormCollection posted, ClaimsPrincipal user,
            IMediator mediator, MunicipalityDirectory directory, CancellationToken ct) =>
            {
                var codes = posted["gemeente"].ToArray();
                var command = new SetJoinedMunicipalities.Command(year, codes, SetJoinedMunicipalities.StaffMember(user));
                var saved = await SendAsync(mediator, command, ct);
                return await saved.Match<Task<IResult>>(
                    list => Task.FromResult<IResult>(PagesExtensions.Page<JoinedMunicipalitiesPageView>(new
                    {
                        Year = year,
                        List = list,
                        Directory = directory,
                        Message = $"De lijst is opgeslagen: {Count(list.Count)} aangesloten.",
                    })),
                    _ => AgainAsync(year, mediator, directory, new FormState().AddError("bestand",
                        "De lijst is niet opgeslagen: een aangevinkte gemeente staat niet in de lijst van het CBS."), ct));
            });

        group.MapPost("/gemeenten/{year:int}/bestand", async (int year, IFormFile? bestand, ClaimsPrincipal user,
            IMediator mediator, MunicipalityDirectory directory, CancellationToken ct) =>
            {
                if (bestand is null || bestand.Length == 0)
                {
                    return await AgainAsync(year, mediator, directory, new FormState().AddError("bestand", "Kies een bestand."), ct);
                }

                if (bestand.Length > MaxFileBytes)
                {
                    return await AgainAsync(year, mediator, directory,
                        new FormState().AddError("bestand", "Het bestand is groter dan 1 MB. Kies een lijst met alleen de gemeenten."), ct);
                }

                using var content = new MemoryStream();
                await bestand.CopyToAsync(content, ct);
                var command = new ImportJoinedMunicipalities.Command(year, content.ToArray(), bestand.ContentType,
                    SetJoinedMunicipalities.StaffMember(user));
                var imported = await SendAsync(mediator, command, ct);
                return await imported.Match<Task<IResult>>(
                    report => Task.FromResult<IResult>(PagesExtensions.Page<JoinedMunicipalitiesPageView>(new
                    {
                        Year = year,
                        List = new JoinedMunicipalityList(report.Year, report.Joined, report.Municipalities),
                        Directory = directory,
                        Import = report,
                        Message = $"Het bestand is ingelezen: {Count(report.Joined)} aangesloten.",
                    })),
                    error => AgainAsync(year, mediator, directory, new FormState().AddError("bestand", error.Code switch
                    {
                        "csvEncoding" => "Het bestand kon niet worden gelezen. Sla het op als CSV (UTF-8) en probeer het opnieuw.",
                        _ => "In het bestand staat geen enkele gemeente. Zet op elke regel één CBS-code (GM0363) of gemeentenaam.",
                    }), ct));
            }).AcceptsFileForm(MaxFileBytes);

        return group;
    }

    private static string Count(int municipalities) => municipalities == 1 ? "1 gemeente is" : $"{municipalities} gemeenten zijn";

    // A year outside the range fails validation; the page says so as the GET does.
    private static async Task<Result<T>> SendAsync<T>(IMediator mediator, IRequest<Result<T>> request, CancellationToken ct)
    {
        try
        {
            return await mediator.Send(request, ct);
        }
        catch (ValidationException)
        {
            return Error.NotFound("Edition");
        }
    }

    private static async Task<IResult> AgainAsync(int year, IMediator mediator, MunicipalityDirectory directory, FormState form,
        CancellationToken ct) =>
        (await mediator.Send(new GetJoinedMunicipalities.Query(year), ct)).Match<IResult>(
            list => PagesExtensions.Page<JoinedMunicipalitiesPageView>(
                new { Year = year, List = list, Directory = directory, Form = form }, StatusCodes.Status422UnprocessableEntity),
            _ => ReportPages.NoSuchYear(year));
}
