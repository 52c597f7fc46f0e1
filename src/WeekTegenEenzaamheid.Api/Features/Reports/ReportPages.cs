using MediatR;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.Reports;

/// <summary>
/// The programme office's report pages: the edition report as tables, bar charts and a map at
/// <c>/programmabureau/cijfers/{year}</c> (with the CSV and JSON beside it), and the joined municipalities at
/// <c>/programmabureau/gemeenten/{year}</c>. They send the same MediatR requests as the API. The caller maps them on the
/// admin page group, which answers a missing session and a wrong role.
/// </summary>
public static class ReportPages
{
    public static string ReportPath(int year) => $"/programmabureau/cijfers/{year}";

    public static string JoinedPath(int year) => $"/programmabureau/gemeenten/{year}";

    public static RouteGroupBuilder MapReportPages(this RouteGroupBuilder group)
    {
        group.MapGet("/programmabureau/cijfers/{year:int}", async (int year, IMediator mediator, MunicipalityShapes shapes,
            CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetEditionReport.Query(year), "Edition", ct)).Match<IResult>(
                    report => PagesExtensions.Page<ReportPage>(new { Report = report, Shapes = shapes }),
                    _ => NoSuchYear(year)))
            .ExcludeFromDescription();

        group.MapGet("/programmabureau/cijfers/{year:int}/csv", async (int year, IMediator mediator, CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetEditionReport.Query(year), "Edition", ct)).Match<IResult>(
                    report => TypedResults.File(GetEditionReport.ToCsv(report), ExcelCsv.ContentType + "; charset=utf-8",
                        $"week-tegen-eenzaamheid-{year}.csv"),
                    _ => NoSuchYear(year)))
            .ExcludeFromDescription();

        group.MapGet("/programmabureau/cijfers/{year:int}/json", async (int year, IMediator mediator, CancellationToken ct) =>
                (await mediator.SendFromPageAsync(new GetEditionReport.Query(year), "Edition", ct)).Match<IResult>(
                    report => TypedResults.Ok(report),
                    _ => NoSuchYear(year)))
            .ExcludeFromDescription();

        group.MapJoinedMunicipalitiesPage();
        return group;
    }

    internal static IResult NoSuchYear(int year) => PagesExtensions.Page<MessagePage>(
        new { Title = "Jaar niet gevonden", Message = $"Voor {year} zijn er geen cijfers. Kies een jaar van 2000 tot en met 2100." },
        StatusCodes.Status404NotFound);
}
