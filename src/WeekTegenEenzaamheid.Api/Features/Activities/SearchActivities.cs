using System.Globalization;
using System.Text;
using System.Text.Json;
using WeekTegenEenzaamheid.Api.Platform.Http;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class SearchActivities
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public sealed record Query(
        int? Year,
        string? Municipality,
        string? Province,
        string? Type,
        string? TargetGroup,
        string? From,
        string? To,
        string? Q,
        int? Limit,
        string? Cursor) : IQuery<Page>;

    public sealed record Page(IReadOnlyList<PublicActivity> Items, string? NextCursor);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(MunicipalityDirectory municipalities)
        {
            RuleFor(q => q.Year).InclusiveBetween(SetEdition.FirstYear, SetEdition.LastYear).OverridePropertyName("year");
            RuleFor(q => q.Municipality).Must(code => municipalities.Find(code) is not null).When(q => q.Municipality is not null)
                .WithMessage("Unknown municipality: use the CBS code, e.g. GM0363.").OverridePropertyName("municipality");
            RuleFor(q => q.Province).Must(p => municipalities.CodesOf(p) is not null).When(q => q.Province is not null)
                .WithMessage($"Province must be one of: {string.Join(", ", municipalities.Provinces)}.").OverridePropertyName("province");
            RuleFor(q => q.Type).Must(t => ActivityRules.Types.Contains(t)).When(q => q.Type is not null)
                .WithMessage($"Type must be one of: {string.Join(", ", ActivityRules.Types)}.").OverridePropertyName("type");
            RuleFor(q => q.TargetGroup).Must(g => ActivityRules.TargetGroups.Contains(g)).When(q => q.TargetGroup is not null)
                .WithMessage($"Target group must be one of: {string.Join(", ", ActivityRules.TargetGroups)}.")
                .OverridePropertyName("targetGroup");
            RuleFor(q => q.From).Must(f => DateBound.Parse(f, endOfDay: false) is not null).When(q => q.From is not null)
                .WithMessage("Use a date (2027-09-30) or a date and time with offset.").OverridePropertyName("from");
            RuleFor(q => q.To).Must(t => DateBound.Parse(t, endOfDay: true) is not null).When(q => q.To is not null)
                .WithMessage("Use a date (2027-09-30) or a date and time with offset.").OverridePropertyName("to");
            RuleFor(q => q.Q).MaximumLength(100).SingleLine().OverridePropertyName("q");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
            RuleFor(q => q.Cursor).Must(c => PageCursor.TryDecode(c) is not null).When(q => q.Cursor is not null)
                .WithMessage("This cursor was not issued by this service.").OverridePropertyName("cursor");
        }
    }

    // Only the filters a request uses go into its WHERE clause, so each shape of request gets a plan
    // that uses its index: a catch-all "(@x IS NULL OR col = @x)" would make SQLite walk the whole
    // year's listing to find one municipality's activities. Every fragment is a constant; the
    // statement with all of them is checked as T-SQL like every other statement.
    private const string Select = $"""
        SELECT {ActivityStore.Columns}
        FROM activities a
        WHERE a.year = @Year AND a.status = 'published'
        """;

    private const string ByMunicipality = "\n  AND a.municipality_code = @Municipality";
    private const string ByProvince = "\n  AND a.municipality_code IN @ProvinceCodes";
    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes no array.
    private const string ByProvincePostgreSql = "\n  AND a.municipality_code = ANY(@ProvinceCodes)";
    private const string ByType = "\n  AND a.type = @Type";
    private const string ByTargetGroup = "\n  AND a.target_groups LIKE @TargetGroupPattern";
    private const string ByFrom = "\n  AND a.ends_at > @From";
    private const string ByTo = "\n  AND a.starts_at < @To";
    private const string ByText = """

          AND (a.title LIKE @Text ESCAPE '\' OR a.description LIKE @Text ESCAPE '\'
               OR a.venue_name LIKE @Text ESCAPE '\' OR a.city LIKE @Text ESCAPE '\')
        """;

    // LIKE is case-sensitive on PostgreSQL; ILIKE ignores case as SQLite's LIKE (ASCII) and SQL Server's
    // case-insensitive collation do.
    private const string ByTextPostgreSql = """

          AND (a.title ILIKE @Text ESCAPE '\' OR a.description ILIKE @Text ESCAPE '\'
               OR a.venue_name ILIKE @Text ESCAPE '\' OR a.city ILIKE @Text ESCAPE '\')
        """;

    // Stable order: start time, then id; the cursor is the last row's (start, id).
    private const string AfterCursor = "\n  AND (a.starts_at > @AfterStartsAt OR (a.starts_at = @AfterStartsAt AND a.id > @AfterId))";
    private const string OrderSqlite = "\nORDER BY a.starts_at, a.id\nLIMIT @Take";
    private const string OrderSqlServer = "\nORDER BY a.starts_at, a.id\nOFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY";
    private const string OrderPostgreSql = OrderSqlite;

    internal static string Sql(Query query, Dialect dialect)
    {
        var sql = new StringBuilder(Select);
        sql.Append(query.Municipality is null ? string.Empty : ByMunicipality)
            .Append(query.Province is null ? string.Empty : dialect.Pick(ByProvince, ByProvince, ByProvincePostgreSql))
            .Append(query.Type is null ? string.Empty : ByType)
            .Append(query.TargetGroup is null ? string.Empty : ByTargetGroup)
            .Append(query.From is null ? string.Empty : ByFrom)
            .Append(query.To is null ? string.Empty : ByTo)
            .Append(string.IsNullOrWhiteSpace(query.Q) ? string.Empty : dialect.Pick(ByText, ByText, ByTextPostgreSql))
            .Append(query.Cursor is null ? string.Empty : AfterCursor)
            .Append(dialect.Pick(OrderSqlite, OrderSqlServer, OrderPostgreSql));
        return sql.ToString();
    }

    /// <summary>The public search, served from <see cref="PublicReadCache"/> while nothing has been committed since.</summary>
    public static async Task<IResult> AnswerAsync(
        Query query, IMediator mediator, PublicReadCache cache, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var key = CacheKey(query);
        if (!cache.TryGet(key, out var body))
        {
            var generation = cache.Generation;
            body = JsonSerializer.SerializeToUtf8Bytes(await mediator.Send(query, cancellationToken), json);
            cache.Set(key, generation, body);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>
    /// Only the filters the search knows, as the handler reads them: parameters it does not know make no
    /// new entry. A JSON array, so no value can pass for another field's.
    /// </summary>
    public static string CacheKey(Query query) => JsonSerializer.Serialize<object?[]>(
    [
        query.Year, query.Municipality, query.Province, query.Type, query.TargetGroup, query.From, query.To,
        string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim(), query.Limit ?? DefaultLimit, query.Cursor,
    ]);

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities, TimeProvider clock)
        : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var limit = request.Limit ?? DefaultLimit;
            var after = PageCursor.TryDecode(request.Cursor) ?? (DateTimeOffset.MinValue, Guid.Empty);
            var municipality = municipalities.Find(request.Municipality)?.Code;
            var province = municipalities.ProvinceName(request.Province);
            var rows = await session.QueryAsync<ActivityRow>(
                Sql(request, session.Dialect),
                new
                {
                    Year = request.Year ?? AmsterdamTime.ToLocal(clock.GetUtcNow()).Year,
                    Municipality = municipality,
                    Province = province,
                    ProvinceCodes = municipalities.CodesOf(province) ?? [],
                    request.Type,
                    TargetGroupPattern = request.TargetGroup is null ? null : TargetGroupsColumn.Pattern(request.TargetGroup),
                    From = DateBound.Parse(request.From, endOfDay: false),
                    To = DateBound.Parse(request.To, endOfDay: true),
                    Text = string.IsNullOrWhiteSpace(request.Q) ? null : "%" + EscapeLike(request.Q.Trim()) + "%",
                    AfterStartsAt = after.At,
                    AfterId = after.Id,
                    Take = limit + 1,
                },
                cancellationToken);

            var next = PageCursor.Next(rows, limit, row => row.StartsAt, row => row.Id);
            return new Page(rows.Take(limit).Select(row => PublicActivity.From(row, municipalities)).ToArray(), next);
        }
    }

    /// <summary>A LIKE pattern's escapes (with <c>ESCAPE '\'</c>) for text a person typed.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);

    public static Task<IResult> Endpoint(
        [AsParameters] Query query, IMediator mediator, PublicReadCache cache, IOptions<JsonOptions> json, CancellationToken ct) =>
        AnswerAsync(query, mediator, cache, json.Value.SerializerOptions, ct);
}
