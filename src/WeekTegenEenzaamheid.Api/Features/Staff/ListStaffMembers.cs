using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// Every staff member, revoked ones too, the last added first (then by id), keyset paged with an opaque cursor:
/// name, address, role, when added and when revoked. Never a key or its hash.
/// </summary>
public static class ListStaffMembers
{
    public const int PageSize = 50;

    /// <param name="Cursor">A <see cref="Page.NextCursor"/>; an unreadable one starts at the top.</param>
    public sealed record Query(string? Cursor) : IQuery<Page>;

    public sealed record Page(IReadOnlyList<Member> Items, string? NextCursor);

    public sealed record Member
    {
        public Guid Id { get; init; }

        public required string Name { get; init; }

        public string? Email { get; init; }

        public required string Role { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }
    }

    private const string SelectSqlite = """
        SELECT s.id AS Id, s.name AS Name, s.email AS Email, s.role AS Role, s.created_at AS CreatedAt, s.revoked_at AS RevokedAt
        FROM staff_keys s
        WHERE s.created_at < @BeforeAt OR (s.created_at = @BeforeAt AND s.id < @BeforeId)
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT @Take
        """;

    private const string SelectPostgreSql = SelectSqlite;

    private const string SelectSqlServer = """
        SELECT TOP (@Take) s.id AS Id, s.name AS Name, s.email AS Email, s.role AS Role, s.created_at AS CreatedAt,
               s.revoked_at AS RevokedAt
        FROM staff_keys s
        WHERE s.created_at < @BeforeAt OR (s.created_at = @BeforeAt AND s.id < @BeforeId)
        ORDER BY s.created_at DESC, s.id DESC
        """;

    public static async Task<Ok<Page>> Endpoint(string? cursor, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new Query(cursor), ct));

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var before = PageCursor.NewestFirstFrom(request.Cursor);
            var rows = await session.QueryAsync<Member>(
                session.Dialect.Pick(SelectSqlite, SelectSqlServer, SelectPostgreSql),
                new { BeforeAt = before.At, BeforeId = before.Id, Take = PageSize + 1 },
                cancellationToken);
            var next = PageCursor.Next(rows, PageSize, row => row.CreatedAt, row => row.Id);
            return new Page(rows.Take(PageSize).ToArray(), next);
        }
    }
}
