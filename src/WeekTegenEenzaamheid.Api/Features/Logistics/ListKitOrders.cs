using System.Globalization;
using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>Orders by state, year, province (of the activity) and date received, oldest first, cursor-paged.</summary>
public static class ListKitOrders
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public sealed record Query(string? Status, int? Year, string? Province, string? From, string? To, int? Limit, string? Cursor)
        : IQuery<Page>;

    public sealed record Page(IReadOnlyList<LogisticsOrderView> Items, string? NextCursor);

    public static async Task<Ok<Page>> Endpoint([AsParameters] Query query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query, ct));

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(MunicipalityDirectory municipalities)
        {
            RuleFor(q => q.Status).Must(s => KitOrderStatus.All.Contains(s)).When(q => q.Status is not null)
                .WithMessage($"Status must be one of: {string.Join(", ", KitOrderStatus.All)}.").OverridePropertyName("status");
            RuleFor(q => q.Year).InclusiveBetween(SetEdition.FirstYear, SetEdition.LastYear).OverridePropertyName("year");
            RuleFor(q => q.Province).Must(p => municipalities.CodesOf(p) is not null).When(q => q.Province is not null)
                .WithMessage($"Province must be one of: {string.Join(", ", municipalities.Provinces)}.").OverridePropertyName("province");
            RuleFor(q => q.From).Must(f => DateBound.Parse(f, endOfDay: false) is not null).When(q => q.From is not null)
                .WithMessage("Use a date (2027-08-30) or a date and time with offset.").OverridePropertyName("from");
            RuleFor(q => q.To).Must(t => DateBound.Parse(t, endOfDay: true) is not null).When(q => q.To is not null)
                .WithMessage("Use a date (2027-08-30) or a date and time with offset.").OverridePropertyName("to");
            RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
            RuleFor(q => q.Cursor).Must(c => PageCursor.TryDecode(c) is not null).When(q => q.Cursor is not null)
                .WithMessage("This cursor was not issued by this service.").OverridePropertyName("cursor");
        }
    }

    // Stable order: received, then id; the cursor is the last row's (received, id).
    private const string Select = $"""
        SELECT {KitOrderStore.Columns}
        FROM kit_orders o JOIN activities a ON a.id = o.activity_id
        WHERE (@Status IS NULL OR o.status = @Status)
          AND (@Year IS NULL OR o.year = @Year)
          AND (@Province IS NULL OR a.municipality_code IN @ProvinceCodes){TimeFiltersAndOrder}
        """;

    // Npgsql: Dapper passes a list as one array parameter instead of expanding it, and IN takes no array.
    private const string SelectPostgreSql = $"""
        SELECT {KitOrderStore.Columns}
        FROM kit_orders o JOIN activities a ON a.id = o.activity_id
        WHERE (@Status IS NULL OR o.status = @Status)
          AND (@Year IS NULL OR o.year = @Year)
          AND (@Province IS NULL OR a.municipality_code = ANY(@ProvinceCodes)){TimeFiltersAndOrder}
        LIMIT @Take
        """;

    private const string TimeFiltersAndOrder = """

          AND (@From IS NULL OR o.received_at >= @From)
          AND (@To IS NULL OR o.received_at < @To)
          AND (o.received_at > @AfterReceivedAt OR (o.received_at = @AfterReceivedAt AND o.id > @AfterId))
        ORDER BY o.received_at, o.id
        """;

    private const string SelectSqlite = Select + "\nLIMIT @Take";

    private const string SelectSqlServer = Select + "\nOFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY";

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var limit = request.Limit ?? DefaultLimit;
            var after = PageCursor.TryDecode(request.Cursor) ?? (DateTimeOffset.MinValue, Guid.Empty);
            var province = municipalities.ProvinceName(request.Province);
            var rows = await session.QueryAsync<KitOrderRow>(
                session.Dialect.Pick(SelectSqlite, SelectSqlServer, SelectPostgreSql),
                new
                {
                    request.Status,
                    request.Year,
                    Province = province,
                    ProvinceCodes = municipalities.CodesOf(province) ?? [],
                    From = DateBound.Parse(request.From, endOfDay: false),
                    To = DateBound.Parse(request.To, endOfDay: true),
                    AfterReceivedAt = after.At,
                    AfterId = after.Id,
                    Take = limit + 1,
                },
                cancellationToken);

            var next = PageCursor.Next(rows, limit, row => row.ReceivedAt, row => row.Id);
            return new Page(await LogisticsOrders.ViewsAsync(session, municipalities, rows.Take(limit).ToArray(), cancellationToken), next);
        }
    }
}
