using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Municipalities;

/// <summary>
/// Replaces the joined municipalities of one edition with a list of CBS codes (admin). Codes are matched in any case
/// and stored as the CBS list spells them; a code named twice counts once. A municipality that stays on the list keeps
/// when and by whom it was first marked; one that is new gets now and the staff member who saved. Any code the CBS list
/// does not hold: 422 <c>unknownMunicipality</c> naming those codes, and nothing changes.
/// </summary>
public static class SetJoinedMunicipalities
{
    /// <summary>More codes than this is not a list of the 342 municipalities but a mistake (or an attack on the database).</summary>
    public const int MaxCodes = 1000;

    /// <summary>The PUT body: <c>{ "municipalities": ["GM0363", …] }</c>; an empty list clears the edition's list.</summary>
    public sealed record Body(IReadOnlyList<string?>? Municipalities);

    public sealed record Command(int Year, IReadOnlyList<string?>? Codes, Guid StaffId) : ICommand<Result<JoinedMunicipalityList>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(SetEdition.FirstYear, SetEdition.LastYear).OverridePropertyName("year");
            RuleFor(c => c.Codes).NotNull().OverridePropertyName("municipalities");
            RuleFor(c => c.Codes!.Count).LessThanOrEqualTo(MaxCodes).When(c => c.Codes is not null)
                .WithMessage($"At most {MaxCodes} codes.").OverridePropertyName("municipalities");
        }
    }

    private const string DeleteAll = """
        DELETE FROM joined_municipalities WHERE year = @Year
        """;

    private const string DeleteOthersSqlite = """
        DELETE FROM joined_municipalities WHERE year = @Year AND municipality_code NOT IN @Codes
        """;

    private const string DeleteOthersSqlServer = DeleteOthersSqlite;

    // Npgsql passes the list as one array, which NOT IN cannot take.
    private const string DeleteOthersPostgreSql = """
        DELETE FROM joined_municipalities WHERE year = @Year AND municipality_code <> ALL(@Codes)
        """;

    // Two saves at the same moment may both find a code missing: the second insert of it does nothing.
    private const string InsertSqlite = """
        INSERT INTO joined_municipalities (year, municipality_code, joined_at, joined_by)
        VALUES (@Year, @Code, @Now, @StaffId)
        ON CONFLICT (year, municipality_code) DO NOTHING
        """;

    private const string InsertPostgreSql = InsertSqlite;

    private const string InsertSqlServer = """
        MERGE joined_municipalities WITH (HOLDLOCK) AS target
        USING (SELECT @Year AS year, @Code AS municipality_code) AS source
            ON target.year = source.year AND target.municipality_code = source.municipality_code
        WHEN NOT MATCHED THEN
            INSERT (year, municipality_code, joined_at, joined_by) VALUES (@Year, @Code, @Now, @StaffId);
        """;

    internal sealed class Handler(DbSession session, MunicipalityDirectory directory, TimeProvider clock)
        : IRequestHandler<Command, Result<JoinedMunicipalityList>>
    {
        public async Task<Result<JoinedMunicipalityList>> Handle(Command request, CancellationToken cancellationToken)
        {
            var named = request.Codes!.Select(code => code?.Trim() ?? string.Empty).ToArray();
            var unknown = named.Where(code => directory.Find(code) is null).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (unknown.Length > 0)
            {
                var shown = unknown.Select(code => code.Length == 0 ? "(empty)" : code);
                return new Error(StatusCodes.Status422UnprocessableEntity, "unknownMunicipality", "The request breaks a rule.",
                    $"The CBS list of municipalities does not hold: {string.Join(", ", shown)}.",
                    new Dictionary<string, string[]> { ["municipalities"] = [.. unknown] });
            }

            var codes = named.Select(code => directory.Find(code)!.Code).Distinct(StringComparer.Ordinal).ToArray();
            var year = new { request.Year, Codes = codes };
            var deleteOthers = session.Dialect.Pick(DeleteOthersSqlite, DeleteOthersSqlServer, DeleteOthersPostgreSql);
            await session.ExecuteAsync(codes.Length == 0 ? DeleteAll : deleteOthers, year, cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var code in codes)
            {
                await session.ExecuteAsync(
                    session.Dialect.Pick(InsertSqlite, InsertSqlServer, InsertPostgreSql),
                    new { request.Year, Code = code, Now = now, request.StaffId },
                    cancellationToken);
            }

            var rows = await session.QueryAsync<JoinedMunicipalityRows.Row>(
                JoinedMunicipalityRows.SelectByYear, new { request.Year }, cancellationToken);
            return JoinedMunicipalityRows.ToList(request.Year, rows, directory);
        }
    }

    public static async Task<Results<Ok<JoinedMunicipalityList>, ProblemHttpResult>> Endpoint(
        int year, Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(year, body.Municipalities, StaffMember(user)), ct)).ToHttp(TypedResults.Ok);

    /// <summary>The admin endpoints and pages run behind the admin policy, so a staff id is always there.</summary>
    internal static Guid StaffMember(ClaimsPrincipal user) =>
        StaffIdentity.Id(user) ?? throw new InvalidOperationException("An admin request without a staff id passed the admin policy.");
}
