using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>AVG access and erasure requests: the programme office's (admin key) and the self-service ones (token).</summary>
public static class PrivacyEndpoints
{
    public const string Persons = "/api/admin/persons";

    public const string EraseSignUp = SignUpsEndpoints.Registrations + "/{id:guid}/erase";

    public const string EraseActivityData = ActivitiesEndpoints.Activities + "/{id:guid}/erase";

    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup(Persons).WithTags("Privacy").RequireAuthorization(StaffPolicies.Admin);

        persons.MapGet("/", async Task<Results<Ok<FindPerson.Person>, ProblemHttpResult>> (
                [FromQuery] string? email, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new FindPerson.Command(email, StaffIdentity.Id(user)), ct)).ToHttp(TypedResults.Ok))
            .WithName("FindPerson")
            .WithSummary("Everything stored under one e-mail address (AVG art. 15); recorded as an access request.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        persons.MapPost("/erase", async Task<Results<Ok<ErasureCounts>, ProblemHttpResult>> (
                ErasePerson.Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ErasePerson.Command(body.Email, body.Reason, StaffIdentity.Id(user)), ct)).ToHttp(TypedResults.Ok))
            .WithName("ErasePerson")
            .WithSummary("Erases everything stored under one e-mail address (AVG art. 17), in one transaction; answers the counts.")
            .ProducesProblems(
                StatusCodes.Status401Unauthorized,
                StatusCodes.Status403Forbidden,
                StatusCodes.Status409Conflict,
                StatusCodes.Status422UnprocessableEntity);

        persons.MapGet("/requests", async ([FromQuery] string? email, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListPrivacyRequests.Query(email), ct)))
            .WithName("ListPrivacyRequests")
            .WithSummary("The recorded access and erasure requests for one e-mail address.")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status422UnprocessableEntity);

        app.MapPost(EraseSignUp, async Task<Results<Ok<ErasureCounts>, ProblemHttpResult>> (
                Guid id,
                [FromHeader(Name = SecurityExtensions.CancelTokenHeader)] string? token,
                IMediator mediator,
                CancellationToken ct) =>
                (await mediator.Send(new EraseOwnSignUp.Command(id, token), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Privacy")
            .WithName("EraseOwnSignUp")
            .WithSummary("Cancels and erases the participant's own sign-up (cancel token).")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .RequireCancelToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        app.MapPost(EraseActivityData, async Task<Results<Ok<ErasureCounts>, ProblemHttpResult>> (
                Guid id,
                [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token,
                IMediator mediator,
                CancellationToken ct) =>
                (await mediator.Send(new EraseActivity.Command(id, token), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Privacy")
            .WithName("EraseActivity")
            .WithSummary("Erases the personal data of an activity that is over, cancelled or rejected (manage token).")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        return app;
    }
}
