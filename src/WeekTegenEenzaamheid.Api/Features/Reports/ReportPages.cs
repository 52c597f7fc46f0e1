using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Reports;

/// <summary>
/// The programme office's report pages: the edition report as tables, bar charts and a map at
/// <c>/programmabureau/cijfers/{year}</c> (with the CSV and JSON beside it), and the joined municipalities at
/// <c>/programmabureau/gemeenten/{year}</c>; <c>/programmabureau/cijfers</c> opens the coming edition's year. They send the
/// same MediatR requests as the API. Mapped on the admin page group (<c>MapStaffPages("/programmabureau", …)</c>), which
/// redirects a browser without a session to the sign-in page and answers the wrong role with 403.
/// </summary>
public static class ReportPages
{
    /// <summary>The report page of <paramref name="year"/>; its CSV and JSON are at <c>…/csv</c> and <c>…/json</c>.</summary>
    public static string ReportPath(int year) => $"{Prefix}/cijfers/{year}";

    /// <summary>The joined-municipalities page of <paramref name="year"/>.</summary>
    public static string JoinedPath(int year) => $"{Prefix}/gemeenten/{year}";

    /// <summary>The pages' routes, relative to the programme office's group at <see cref="Prefix"/>.</summary>
    public const string Prefix = "/programmabureau";

    /// <summary>Maps the report and joined-municipalities pages on the programme office's page group (routes relative to it).</summary>
    public static RouteGroupBuilder MapReportPages(this RouteGroupBuilder group)
    {
        group.MapGet("/cijfers", async (IMediator mediator, TimeProvider clock, CancellationToken ct) =>
                Results.Redirect(ReportPath((await ActivityPages.ComingEditionAsync(mediator, clock, ct))?.Year
                    ?? AmsterdamTime.DateOf(clock.GetUtcNow()).Year)));

        group.MapGet("/cijfers/{year:int}", async (int year, IMediator mediator, MunicipalityShapes shapes,
            CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetEditionReport.Query(year), "Edition", ct)).Match<IResult>(
                    report => PagesExtensions.Page<ReportPage>(new { Report = report, Shapes = shapes }),
                    _ => NoSuchYear(year)));

        group.MapGet("/cijfers/{year:int}/csv", async (int year, IMediator mediator, CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetEditionReport.Query(year), "Edition", ct)).Match<IResult>(
                    report => TypedResults.File(GetEditionReport.ToCsv(report), ExcelCsv.ContentType + "; charset=utf-8",
                        $"week-tegen-eenzaamheid-{year}.csv"),
                    _ => NoSuchYear(year)));

        group.MapGet("/cijfers/{year:int}/json", async (int year, IMediator mediator, CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetEditionReport.Query(year), "Edition", ct)).Match<IResult>(
                    report => TypedResults.Ok(report),
                    _ => NoSuchYear(year)));

        group.MapJoinedMunicipalitiesPage();
        return group;
    }

    internal static IResult NoSuchYear(int year) => PagesExtensions.Page<MessagePage>(
        new { Title = "Jaar niet gevonden", Message = $"Voor {year} zijn er geen cijfers. Kies een jaar van 2000 tot en met 2100." },
        StatusCodes.Status404NotFound);
}
