using System.Text.Json;
using Microsoft.Extensions.Options;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class ActivitiesEndpoints
{
    public const string Activities = "/api/activities";

    public static IEndpointRouteBuilder MapActivities(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Activities).WithTags("Activities");

        group.MapPost("/", async Task<Results<Created<RegisterActivity.Registered>, ProblemHttpResult>> (
                RegisterActivity.Command command, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(command, ct)).ToHttp(registered => TypedResults.Created($"{Activities}/{registered.Id}", registered)))
            .WithName("RegisterActivity")
            .WithSummary("Register an activity; the verification e-mail goes to the contact address.")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);

        group.MapPost("/{id:guid}/verify", async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> (Guid id, VerifyActivity.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new VerifyActivity.Command(id, body.Token), ct)).ToHttp(TypedResults.Ok))
            .WithName("VerifyActivity")
            .WithSummary("Confirm an activity with the token from the verification e-mail; it is published.")
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);

        group.MapGet("/", ([AsParameters] SearchActivities.Query query, IMediator mediator, PublicReadCache cache,
                IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
                SearchActivities.AnswerAsync(query, mediator, cache, json.Value.SerializerOptions, ct))
            .WithName("SearchActivities")
            .WithSummary("Search the published activities of an edition, a page at a time.")
            .Produces<SearchActivities.Page>(StatusCodes.Status200OK, "application/json")
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/{id:guid}", async Task<Results<Ok<PublicActivity>, ProblemHttpResult>> (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetActivity.Query(id), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetActivity")
            .WithSummary("One published activity, without contact details.")
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/calendar.ics", async Task<Results<ContentHttpResult, ProblemHttpResult>> (Guid id, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetActivityCalendar.Query(id), ct)).ToHttp(ics => TypedResults.Text(ics, ActivityCalendar.ContentType + "; charset=utf-8")))
            .WithName("GetActivityCalendar")
            .WithSummary("The activity as an iCalendar file.")
            .Produces<string>(StatusCodes.Status200OK, ActivityCalendar.ContentType)
            .ProducesProblems(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/manage", async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetManagedActivity.Query(id, token), ct)).ToHttp(TypedResults.Ok))
            .WithName("GetManagedActivity")
            .WithSummary("The full activity with contact details and sign-up counts (owner).")
            .RequireManageToken()
            .ProducesProblems();

        group.MapPatch("/{id:guid}", async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, [FromBody] JsonElement patch, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ChangeActivity.Command(id, token, patch), ct)).ToHttp(TypedResults.Ok))
            .WithName("ChangeActivity")
            .WithSummary("Change an activity with a JSON merge patch; participants hear of a new time or place (owner).")
            .Accepts<ActivityInput>("application/merge-patch+json", "application/json")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/{id:guid}/cancel", async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> (Guid id, [FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CancelActivity.Command(id, token), ct)).ToHttp(TypedResults.Ok))
            .WithName("CancelActivity")
            .WithSummary("Cancel the activity; participants are told and an unshipped kit order is cancelled (owner).")
            .RequireManageToken()
            .ProducesProblems(StatusCodes.Status409Conflict);

        app.MapPost("/api/admin/activities/{id:guid}/reject", async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> (Guid id, RejectActivity.Body body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RejectActivity.Command(id, body.Reason), ct)).ToHttp(TypedResults.Ok))
            .WithTags("Activities")
            .WithName("RejectActivity")
            .WithSummary("Take an activity off the calendar with a reason; its initiator and participants are told (admin).")
            .RequireAuthorization(StaffPolicies.Admin)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        app.MapManagePage();
        return app;
    }
}
