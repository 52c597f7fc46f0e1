using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Reports;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet(GetEditionReport.Path, GetEditionReport.Endpoint)
            .WithTags("Reports")
            .WithName("GetEditionReport")
            .WithSummary("The figures of an edition for the letter to parliament, as JSON or (Accept: text/csv) CSV (admin).")
            .ProducesCsvToo()
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return app;
    }
}
