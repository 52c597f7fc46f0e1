using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class RegisterActivity
{
    public sealed record Command : ActivityInput, ICommand<Result<Registered>>;

    public sealed record Registered(Guid Id, string Status);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ActivityInputValidator rules, DbSession session, TimeProvider clock)
        {
            Include(rules);
            RuleFor(c => c.Year).CustomAsync(async (year, context, ct) =>
            {
                if (year is null or < SetEdition.FirstYear or > SetEdition.LastYear)
                {
                    context.AddFailure("year", "Name the year of the Week, e.g. 2027.");
                    return;
                }

                var edition = await EditionStore.GetAsync(session, year.Value, ct);
                var now = clock.GetUtcNow();
                if (now < edition.RegistrationOpensAt)
                {
                    context.AddFailure(
                        "year", $"Registration for {year} opens at {AmsterdamTime.Short(edition.RegistrationOpensAt)} (Europe/Amsterdam).");
                }
                else if (now >= edition.WeekEndsAt)
                {
                    context.AddFailure("year", $"The Week of {year} is over; registration is closed.");
                }

                EditionWindowRules.CheckInsideWeek(context.InstanceToValidate, edition, context.AddFailure);
            });
        }
    }

    private const string Insert = """
        INSERT INTO activities
            (id, year, status, title, description, type, target_groups, starts_at, ends_at, expected_participants, capacity,
             sign_up_required, free, wheelchair_accessible, accessibility_notes, venue_name, street, house_number, postcode,
             city, municipality_code, online_url, organisation_name, contact_name, contact_email, phone, manage_token_hash,
             created_at, updated_at)
        VALUES
            (@Id, @Year, @Status, @Title, @Description, @Type, @TargetGroups, @StartsAt, @EndsAt, @ExpectedParticipants, @Capacity,
             @SignUpRequired, @Free, @WheelchairAccessible, @AccessibilityNotes, @VenueName, @Street, @HouseNumber, @Postcode,
             @City, @MunicipalityCode, @OnlineUrl, @OrganisationName, @ContactName, @ContactEmail, @Phone, @ManageTokenHash,
             @Now, @Now)
        """;

    internal sealed class Handler(
        DbSession session,
        Outbox outbox,
        ActivityEmails emails,
        RecipientLimit recipients,
        IOptions<RecipientLimitOptions> limits,
        TimeProvider clock) : IRequestHandler<Command, Result<Registered>>
    {
        public async Task<Result<Registered>> Handle(Command request, CancellationToken cancellationToken)
        {
            // Refused whole: an activity stored without its e-mail could never be verified, so it would only be clutter.
            var perHour = limits.Value.VerificationEmailsPerHour;
            var address = request.Organiser!.ContactEmail!;
            if (!await recipients.AllowsAsync(ActivityEmails.VerificationKind, address, perHour, cancellationToken))
            {
                return new Error(StatusCodes.Status429TooManyRequests, "tooManyEmailsToAddress", "Too many e-mails to this address.",
                    $"This address received {perHour} verification e-mails in the last hour; try again later.");
            }

            var id = Guid.CreateVersion7();
            var manageToken = Tokens.New();
            var row = ActivityColumns.From(request, id, ActivityStatus.PendingVerification, Tokens.Hash(manageToken), clock.GetUtcNow());
            await session.ExecuteAsync(Insert, row, cancellationToken);
            await outbox.EnqueueAsync(emails.Verification(id, request, manageToken), cancellationToken);
            return new Registered(id, ActivityStatus.PendingVerification);
        }
    }

    public static async Task<Results<Created<Registered>, ProblemHttpResult>> Endpoint(
        Command command, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(command, ct)).ToHttp(registered =>
            TypedResults.Created($"{ActivitiesEndpoints.Activities}/{registered.Id}", registered));
}
