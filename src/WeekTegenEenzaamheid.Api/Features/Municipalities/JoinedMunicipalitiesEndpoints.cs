using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>The joined-municipalities API (admin key): GET and PUT the list of a year, POST a file to replace it.</summary>
public static class JoinedMunicipalitiesEndpoints
{
    public const string Path = EditionsEndpoints.Editions + "/{year:int}/joined-municipalities";

    public static IEndpointRouteBuilder MapJoinedMunicipalities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Joined municipalities").RequireAuthorization(StaffPolicies.Admin);
        int[] staff = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];

        group.MapGet("/", GetJoinedMunicipalities.Endpoint)
            .WithName("GetJoinedMunicipalities")
            .WithSummary("The municipalities marked as joined (aangesloten gemeenten) for an edition, by name (admin).")
            .ProducesProblems([.. staff, StatusCodes.Status404NotFound]);

        group.MapPut("/", SetJoinedMunicipalities.Endpoint)
            .WithName("SetJoinedMunicipalities")
            .WithSummary("Replace an edition's joined municipalities with a list of CBS codes; unknown codes: 422 (admin).")
            .ProducesProblems([.. staff, StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity]);

        group.MapPost("/import", ImportJoinedMunicipalities.Endpoint)
            .WithName("ImportJoinedMunicipalities")
            .WithSummary("Replace the joined municipalities from a file of CBS codes or names; every row gets its outcome (admin).")
            .WithDescription(ImportJoinedMunicipalities.Description)
            .Accepts<string>(ImportJoinedMunicipalities.ContentTypes[0], ImportJoinedMunicipalities.ContentTypes[1..])
            .ProducesProblems([.. staff, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity]);

        return app;
    }
}
