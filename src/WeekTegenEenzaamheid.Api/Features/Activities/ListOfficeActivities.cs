using System.Text;
using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// The programme office's list of one year's activities in every status (the public search shows published ones only):
/// filters status, municipality (CBS code), province, type, and one text that looks in title, description, venue, city,
/// organisation and contact; ordered by start, then id; keyset paged with the search's opaque cursor.
/// </summary>
public static class ListOfficeActivities
{
    public const int DefaultLimit = 25;

    public static readonly string[] Statuses =
        [ActivityStatus.PendingVerification, ActivityStatus.Published, ActivityStatus.Cancelled, ActivityStatus.Rejected];

    public sealed record Query(
        int Year, string? Status, string? Municipality, string? Province, string? Type, string? Q, int? Limit, string? Cursor)
        : IQuery<Page>;

    public sealed record Page(IReadOnlyList<Item> Items, string? NextCursor);

    /// <summary>An activity as the office's list shows it; the contact is there to recognise spam at a glance.</summary>
    public sealed record Item
    {
        public Guid Id { get; init; }

        public required string Title { get; init; }

        public required string Status { get; init; }

        public required string Type { get; init; }

        public DateTimeOffset StartsAt { get; init; }

        public DateTimeOffset EndsAt { get; init; }

        public required string MunicipalityCode { get; init; }

        public string? MunicipalityName { get; init; }

        public string? ContactName { get; init; }

        public string? OrganisationName { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(MunicipalityDirectory municipalities)
        {
            RuleFor(q => q.Year).InclusiveBetween(SetEdition.FirstYear, SetEdition.LastYear).OverridePropertyName("year");
            RuleFor(q => q.Status).Must(s => Statuses.Contains(s)).When(q => q.Status is not null)
                .WithMessage($"Status must be one of: {string.Join(", ", Statuses)}.").OverridePropertyName("status");
            RuleFor(q => q.Municipality).Must(code => municipalities.Find(code) is not null).When(q => q.Municipality is not null)
                .WithMessage("Unknown municipality: use the CBS code, e.g. GM0363.").OverridePropertyName("municipality");
            RuleFor(q => q.Province).Must(p => municipalities.CodesOf(p) is not null).When(q => q.Province is not null)
                .WithMessage("Unknown province.").OverridePropertyName("province");
            RuleFor(q => q.Type).Must(t => ActivityRules.Types.Contains(t)).When(q => q.Type is not null)
                .WithMessage("Unknown type.").OverridePropertyName("type");
            RuleFor(q => q.Q).MaximumLength(100).SingleLine().OverridePropertyName("q");
            RuleFor(q => q.Limit).InclusiveBetween(1, 100).OverridePropertyName("limit");
            RuleFor(q => q.Cursor).Must(c => PageCursor.TryDecode(c) is not null).When(q => q.Cursor is not null)
                .WithMessage("This cursor was not issued by this service.").OverridePropertyName("cursor");
        }
    }

    // As in SearchActivities: only the filters a request uses go into its WHERE clause, each fragment a constant.
    private const string Select = """
        SELECT a.id AS Id, a.title AS Title, a.status AS Status, a.type AS Type, a.starts_at AS StartsAt, a.ends_at AS EndsAt,
               a.municipality_code AS MunicipalityCode, a.contact_name AS ContactName, a.organisation_name AS OrganisationName
        FROM activities a
        WHERE a.year = @Year
        """;

    private const string ByStatus = "\n  AND a.status = @Status";
    private const string ByMunicipality = "\n  AND a.municipality_code = @Municipality";
    private const string ByProvince = "\n  AND a.municipality_code IN @ProvinceCodes";
    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes no array.
    private const string ByProvincePostgreSql = "\n  AND a.municipality_code = ANY(@ProvinceCodes)";
    private const string ByType = "\n  AND a.type = @Type";
    private const string ByText = """

          AND (a.title LIKE @Text ESCAPE '\' OR a.description LIKE @Text ESCAPE '\' OR a.venue_name LIKE @Text ESCAPE '\'
               OR a.city LIKE @Text ESCAPE '\' OR a.organisation_name LIKE @Text ESCAPE '\'
               OR a.contact_name LIKE @Text ESCAPE '\' OR a.contact_email LIKE @Text ESCAPE '\')
        """;

    // LIKE is case-sensitive on PostgreSQL; ILIKE ignores case as the other two do.
    private const string ByTextPostgreSql = """

          AND (a.title ILIKE @Text ESCAPE '\' OR a.description ILIKE @Text ESCAPE '\' OR a.venue_name ILIKE @Text ESCAPE '\'
               OR a.city ILIKE @Text ESCAPE '\' OR a.organisation_name ILIKE @Text ESCAPE '\'
               OR a.contact_name ILIKE @Text ESCAPE '\' OR a.contact_email ILIKE @Text ESCAPE '\')
        """;

    private const string AfterCursor = "\n  AND (a.starts_at > @AfterStartsAt OR (a.starts_at = @AfterStartsAt AND a.id > @AfterId))";
    private const string OrderSqlite = "\nORDER BY a.starts_at, a.id\nLIMIT @Take";
    private const string OrderSqlServer = "\nORDER BY a.starts_at, a.id\nOFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY";
    private const string OrderPostgreSql = OrderSqlite;

    internal static string Sql(Query query, Dialect dialect) =>
        new StringBuilder(Select)
            .Append(query.Status is null ? string.Empty : ByStatus)
            .Append(query.Municipality is null ? string.Empty : ByMunicipality)
            .Append(query.Province is null ? string.Empty : dialect.Pick(ByProvince, ByProvince, ByProvincePostgreSql))
            .Append(query.Type is null ? string.Empty : ByType)
            .Append(string.IsNullOrWhiteSpace(query.Q) ? string.Empty : dialect.Pick(ByText, ByText, ByTextPostgreSql))
            .Append(query.Cursor is null ? string.Empty : AfterCursor)
            .Append(dialect.Pick(OrderSqlite, OrderSqlServer, OrderPostgreSql))
            .ToString();

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var limit = request.Limit ?? DefaultLimit;
            var after = PageCursor.TryDecode(request.Cursor) ?? (DateTimeOffset.MinValue, Guid.Empty);
            var province = municipalities.ProvinceName(request.Province);
            var rows = await session.QueryAsync<Item>(
                Sql(request, session.Dialect),
                new
                {
                    request.Year,
                    request.Status,
                    Municipality = municipalities.Find(request.Municipality)?.Code,
                    ProvinceCodes = municipalities.CodesOf(province) ?? [],
                    request.Type,
                    Text = string.IsNullOrWhiteSpace(request.Q) ? null : "%" + SearchActivities.EscapeLike(request.Q.Trim()) + "%",
                    AfterStartsAt = after.At,
                    AfterId = after.Id,
                    Take = limit + 1,
                },
                cancellationToken);
            var next = PageCursor.Next(rows, limit, row => row.StartsAt, row => row.Id);
            return new Page(
                rows.Take(limit).Select(row => row with { MunicipalityName = municipalities.Find(row.MunicipalityCode)?.Name }).ToArray(),
                next);
        }
    }
}
