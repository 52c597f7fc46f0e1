using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.SignUps;

/// <summary>A participant signs a party up: confirmed while it fits, else on the waitlist; one active sign-up per address.</summary>
public static class SignUpForActivity
{
    public const int MaxPartySize = 10;

    public sealed record Body(string? Name, string? Email, int? PartySize);

    public sealed record Command(Guid ActivityId, string? Name, string? Email, int? PartySize) : ICommand<Result<SignedUp>>;

    public sealed record SignedUp(
        Guid Id,
        string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Position);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).SingleLine();
            RuleFor(c => c.Email).SingleLine();
            RuleFor(c => c.Name).NotEmpty().Must(n => n!.Trim().Length is >= 1 and <= 200)
                .WithMessage("Name must be 1 to 200 characters.");
            RuleFor(c => c.Email).NotEmpty().Must(ActivityRules.IsEmail).WithMessage("E-mail must be an e-mail address.");
            RuleFor(c => c.PartySize).NotNull().InclusiveBetween(1, MaxPartySize);
        }
    }

    // sign_up_no is the order of arrival. Under the activity lock the MAX is exact; without it the unique
    // index on (activity_id, sign_up_no) would still refuse a duplicate rather than store one.
    private const string Insert = """
        INSERT INTO registrations
            (id, activity_id, sign_up_no, status, name, email, email_key, party_size, created_at, confirmed_at)
        SELECT @Id, @ActivityId, COALESCE(MAX(r.sign_up_no), 0) + 1, @Status, @Name, @Email, @EmailKey, @PartySize, @Now, @ConfirmedAt
        FROM registrations r WHERE r.activity_id = @ActivityId
        """;

    internal sealed class Handler(DbSession session, Seats seats, ParticipantEmails emails, TimeProvider clock)
        : IRequestHandler<Command, Result<SignedUp>>
    {
        public async Task<Result<SignedUp>> Handle(Command request, CancellationToken cancellationToken)
        {
            var activity = await seats.LockActivityAsync(request.ActivityId, cancellationToken);
            if (activity is not { Status: ActivityStatus.Published })
            {
                return Error.NotFound("Activity");
            }

            if (!activity.SignUpRequired)
            {
                return Error.Conflict("signUpsNotTaken", "This activity does not take sign-ups: just come.");
            }

            var now = clock.GetUtcNow();
            if (now >= activity.StartsAt)
            {
                return Error.Conflict("signUpsClosed", "The activity has started; sign-ups are closed.");
            }

            var partySize = request.PartySize!.Value;
            var confirmed = await seats.TryReserveAsync(activity.Id, partySize, cancellationToken);
            var email = request.Email!.Trim();
            var signUp = new SignUpRow
            {
                Id = Guid.CreateVersion7(),
                ActivityId = activity.Id,
                Status = confirmed ? SignUpStatus.Confirmed : SignUpStatus.Waitlisted,
                Name = request.Name!.Trim(),
                Email = email,
                PartySize = partySize,
                CreatedAt = now,
                ConfirmedAt = confirmed ? now : null,
            };

            try
            {
                await session.ExecuteAsync(Insert, new
                {
                    signUp.Id,
                    signUp.ActivityId,
                    signUp.Status,
                    signUp.Name,
                    signUp.Email,
                    EmailKey = ActivityRules.EmailKey(email),
                    signUp.PartySize,
                    Now = now,
                    signUp.ConfirmedAt,
                }, cancellationToken);
            }
            catch (Exception exception) when (DbSession.IsUniqueViolation(exception))
            {
                // The failure rolls the transaction back, seat reservation included.
                return Error.Conflict("alreadySignedUp", "This e-mail address is already signed up for this activity.");
            }

            if (confirmed)
            {
                await emails.ConfirmedAsync(activity, signUp, cancellationToken);
                return new SignedUp(signUp.Id, signUp.Status, null);
            }

            var stored = (await SignUpStore.FindAsync(session, signUp.Id, cancellationToken))!;
            var position = (await SignUpStore.PositionAsync(session, stored, cancellationToken))!.Value;
            await emails.WaitlistedAsync(activity, stored, position, cancellationToken);
            return new SignedUp(signUp.Id, signUp.Status, position);
        }
    }

    /// <summary>POST /api/activities/{id}/registrations: 201 with the sign-up's place under /api/registrations.</summary>
    public static async Task<Results<Created<SignedUp>, ProblemHttpResult>> Endpoint(
        Guid id, Body body, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id, body.Name, body.Email, body.PartySize), ct))
            .ToHttp(signedUp => TypedResults.Created($"{SignUpsEndpoints.Registrations}/{signedUp.Id}", signedUp));
}
