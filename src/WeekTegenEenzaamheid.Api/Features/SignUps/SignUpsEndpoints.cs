using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

public static class SignUpsEndpoints
{
    public const string Registrations = "/api/registrations";

    public static IEndpointRouteBuilder MapSignUps(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup(ActivitiesEndpoints.Activities).WithTags("Sign-ups");

        activities.MapPost("/{id:guid}/registrations", async Task<Results<Created<SignUpForActivity.SignedUp>, ProblemHttpResult>> (Guid id, SignUpForActivity.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new SignUpForActivity.Command(id, body.Name, body.Email, body.PartySize), ct))
                    .ToHttp(signedUp => TypedResults.Created($"{Registrations}/{signedUp.Id}", signedUp)))
            .WithName("SignUpForActivity")
            .WithSummary("Sign up for an activity; confirmed while the party fits, else on the waitlist.")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);

        activities.MapGet("/{id:guid}/registrations", async Task<Results<Ok<ListSignUps.SignUpList>, FileContentHttpResult, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, HttpRequest request, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(new ListSignUps.Query(id, token), ct);
                if (result is Result<ListSignUps.SignUpList>.Failure { Error: var error })
                {
                    return Problems.From(error);
                }

                var list = ((Result<ListSignUps.SignUpList>.Success)result).Value;
                return ExcelCsv.IsAccepted(request)
                    ? TypedResults.File(ListSignUps.ToCsv(list), ExcelCsv.ContentType + "; charset=utf-8", $"aanmeldingen-{list.ActivityId}.csv")
                    : TypedResults.Ok(list);
            })
            .WithName("ListRegistrations")
            .WithSummary("The activity's sign-ups, as JSON or (Accept: text/csv) a CSV file for Excel (owner).")
            .ProducesCsvToo()
            .RequireManageToken()
            .ProducesProblems();

        var registrations = app.MapGroup(Registrations).WithTags("Sign-ups");

        registrations.MapGet("/{id:guid}", async Task<Results<Ok<SignUpView>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.CancelTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetSignUp.Query(id, token), ct)).ToHttp(details => TypedResults.Ok(details.SignUp)))
            .WithName("GetSignUp")
            .WithSummary("A sign-up and its status (participant).")
            .RequireCancelToken()
            .ProducesProblems();

        registrations.MapPost("/{id:guid}/cancel", async Task<Results<Ok<SignUpView>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.CancelTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CancelSignUp.Command(id, token), ct)).ToHttp(details => TypedResults.Ok(details.SignUp)))
            .WithName("CancelSignUp")
            .WithSummary("Cancel a sign-up; freed seats go to the waitlist (participant).")
            .RequireCancelToken()
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);

        app.MapCancelPage();
        return app;
    }
}
