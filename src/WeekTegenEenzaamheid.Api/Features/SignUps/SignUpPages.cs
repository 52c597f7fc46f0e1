using System.Globalization;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Pages;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>The sign-up form's post on an activity's page and its result page (pages.md, "Public").</summary>
public static class SignUpPages
{
    public const string SignUpPath = "/activiteiten/{id:guid}/aanmelden";

    private static readonly Dictionary<string, (string Field, string Message)> Errors = new()
    {
        ["name"] = ("naam", "Vul je naam in (hoogstens 200 tekens)."),
        ["email"] = ("email", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        ["partySize"] = ("aantal", $"Vul een aantal personen in van 1 tot en met {SignUpForActivity.MaxPartySize}."),
    };

    public static IEndpointRouteBuilder MapSignUpPages(this IEndpointRouteBuilder app)
    {
        app.MapPost(SignUpPath, SignUpAsync)
            .RequireRateLimiting(HttpExtensions.PublicWrites)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignUpAsync(Guid id, IFormCollection posted, IMediator mediator, TimeProvider clock,
        CancellationToken ct)
    {
        var form = FormState.From(posted);
        var activity = await mediator.Send(new GetActivity.Query(id, IncludeCancelled: true), ct);
        if (activity is not Platform.Mediation.Result<PublicActivity>.Success { Value: var shown })
        {
            return PagesExtensions.Page<NotFoundPage>(new { }, StatusCodes.Status404NotFound);
        }

        // A number that cannot be read goes on as "no number", so the validator reports it with the other fields.
        int? partySize = int.TryParse(form.Value("aantal")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture,
            out var size) ? size : null;
        IResult Again(int status) => PagesExtensions.Page<ActivityPage>(new { Activity = shown, SignUp = form,
            Started = clock.GetUtcNow() >= shown.StartsAt }, status);

        try
        {
            var result = await mediator.Send(new SignUpForActivity.Command(id, form.Value("naam"), form.Value("email"), partySize), ct);
            return result.Match(
                signedUp => PagesExtensions.Page<SignUpResultPage>(new
                {
                    Activity = shown,
                    Waitlisted = signedUp.Status == SignUpStatus.Waitlisted,
                    signedUp.Position,
                }),
                error =>
                {
                    form.AddError(error.Code == "alreadySignedUp" ? "email" : "naam", error.Code switch
                    {
                        "alreadySignedUp" => "Met dit e-mailadres ben je al aangemeld voor deze activiteit.",
                        "signUpsClosed" => "De activiteit is begonnen; aanmelden kan niet meer.",
                        "signUpsNotTaken" => "Voor deze activiteit hoef je je niet aan te melden: kom gewoon langs.",
                        _ => "Deze activiteit gaat niet door.",
                    });
                    return Again(error.Status);
                });
        }
        catch (ValidationException invalid)
        {
            form.AddErrors(invalid, Errors, "naam");
            return Again(StatusCodes.Status422UnprocessableEntity);
        }
    }
}
