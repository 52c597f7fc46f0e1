using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WeekTegenEenzaamheid.Api.Features.Editions;

public static class SetEdition
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public sealed record Body(
        DateOnly? StartsOn,
        DateOnly? EndsOn,
        DateOnly? OpeningOn,
        DateTimeOffset? RegistrationOpensAt,
        DateTimeOffset? KitOrderDeadline);

    public sealed record Command(int Year, Body Body) : ICommand<EditionResponse>, IStaffAction
    {
        [JsonIgnore] public string ActionName => "edition.saved";

        [JsonIgnore] public string? Subject => Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string OutOfRange = "Dates must lie between the years 1900 and 2200.";

    private static bool InRange(DateOnly? date) => date is null || date.Value.Year is >= 1900 and <= 2200;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(FirstYear, LastYear).OverridePropertyName("year");
            RuleFor(c => c.Body.StartsOn).NotNull().OverridePropertyName("startsOn");
            RuleFor(c => c.Body.EndsOn).NotNull().OverridePropertyName("endsOn");
            RuleFor(c => c.Body.OpeningOn).NotNull().OverridePropertyName("openingOn");
            RuleFor(c => c.Body.RegistrationOpensAt).NotNull().OverridePropertyName("registrationOpensAt");
            RuleFor(c => c.Body.KitOrderDeadline).NotNull().OverridePropertyName("kitOrderDeadline");
            RuleFor(c => c.Body.StartsOn).Must(InRange).WithMessage(OutOfRange).OverridePropertyName("startsOn");
            RuleFor(c => c.Body.EndsOn).Must(InRange).WithMessage(OutOfRange).OverridePropertyName("endsOn");
            RuleFor(c => c.Body.OpeningOn).Must(InRange).WithMessage(OutOfRange).OverridePropertyName("openingOn");
            RuleFor(c => c.Body.RegistrationOpensAt).Must(at => at is null || InRange(DateOnly.FromDateTime(at.Value.UtcDateTime)))
                .WithMessage(OutOfRange).OverridePropertyName("registrationOpensAt");
            RuleFor(c => c.Body.KitOrderDeadline).Must(at => at is null || InRange(DateOnly.FromDateTime(at.Value.UtcDateTime)))
                .WithMessage(OutOfRange).OverridePropertyName("kitOrderDeadline");
            RuleFor(c => c.Body.EndsOn)
                .Must((command, endsOn) => command.Body.StartsOn <= endsOn)
                .When(c => c.Body.StartsOn is not null && c.Body.EndsOn is not null)
                .WithMessage("endsOn must not be before startsOn.")
                .OverridePropertyName("endsOn");
        }
    }

    private const string UpsertSqlite = """
        INSERT INTO editions (year, starts_on, ends_on, opening_on, registration_opens_at, kit_order_deadline, updated_at)
        VALUES (@Year, @StartsOn, @EndsOn, @OpeningOn, @RegistrationOpensAt, @KitOrderDeadline, @Now)
        ON CONFLICT (year) DO UPDATE SET
            starts_on = excluded.starts_on, ends_on = excluded.ends_on, opening_on = excluded.opening_on,
            registration_opens_at = excluded.registration_opens_at, kit_order_deadline = excluded.kit_order_deadline,
            updated_at = excluded.updated_at
        """;

    // ON CONFLICT DO UPDATE is atomic under READ COMMITTED: two first saves of a year cannot both insert.
    private const string UpsertPostgreSql = UpsertSqlite;

    private const string UpsertSqlServer = """
        MERGE editions WITH (HOLDLOCK) AS target
        USING (SELECT @Year AS year) AS source ON target.year = source.year
        WHEN MATCHED THEN UPDATE SET
            starts_on = @StartsOn, ends_on = @EndsOn, opening_on = @OpeningOn,
            registration_opens_at = @RegistrationOpensAt, kit_order_deadline = @KitOrderDeadline, updated_at = @Now
        WHEN NOT MATCHED THEN
            INSERT (year, starts_on, ends_on, opening_on, registration_opens_at, kit_order_deadline, updated_at)
            VALUES (@Year, @StartsOn, @EndsOn, @OpeningOn, @RegistrationOpensAt, @KitOrderDeadline, @Now);
        """;

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, EditionResponse>
    {
        public async Task<EditionResponse> Handle(Command request, CancellationToken cancellationToken)
        {
            var edition = new Edition
            {
                Year = request.Year,
                StartsOn = request.Body.StartsOn!.Value,
                EndsOn = request.Body.EndsOn!.Value,
                OpeningOn = request.Body.OpeningOn!.Value,
                RegistrationOpensAt = request.Body.RegistrationOpensAt!.Value,
                KitOrderDeadline = request.Body.KitOrderDeadline!.Value,
            };
            await session.ExecuteAsync(
                session.Dialect.Pick(UpsertSqlite, UpsertSqlServer, UpsertPostgreSql),
                new
                {
                    edition.Year,
                    edition.StartsOn,
                    edition.EndsOn,
                    edition.OpeningOn,
                    edition.RegistrationOpensAt,
                    edition.KitOrderDeadline,
                    Now = clock.GetUtcNow(),
                },
                cancellationToken);
            return EditionResponse.From(edition);
        }
    }

    public static async Task<Ok<EditionResponse>> Endpoint(int year, Body body, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Command(year, body), ct));
}
