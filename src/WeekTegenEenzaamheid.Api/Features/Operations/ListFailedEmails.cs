using MediatR;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Operations;

/// <summary>
/// The e-mails that failed for good, newest first (created, then id), keyset paged with an opaque cursor: addresses,
/// subjects, attempts and the last error, never a body (the programme office's e-mail page).
/// </summary>
public static class ListFailedEmails
{
    public const int PageSize = 25;

    /// <param name="Cursor">A <see cref="Page.NextCursor"/>; an unreadable one starts at the top.</param>
    public sealed record Query(string? Cursor) : IQuery<Page>;

    public sealed record Page(IReadOnlyList<ListEmails.EmailView> Items, string? NextCursor);

    private const string SelectSqlite = $"""
        SELECT {ListEmails.Columns}
        FROM outbox_messages
        WHERE status = 'failed' AND (created_at < @BeforeAt OR (created_at = @BeforeAt AND id < @BeforeId))
        ORDER BY created_at DESC, id DESC
        LIMIT @Take
        """;

    private const string SelectPostgreSql = SelectSqlite;

    private const string SelectSqlServer = $"""
        SELECT TOP (@Take) {ListEmails.Columns}
        FROM outbox_messages
        WHERE status = 'failed' AND (created_at < @BeforeAt OR (created_at = @BeforeAt AND id < @BeforeId))
        ORDER BY created_at DESC, id DESC
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var before = PageCursor.NewestFirstFrom(request.Cursor);
            var rows = await session.QueryAsync<ListEmails.EmailView>(
                session.Dialect.Pick(SelectSqlite, SelectSqlServer, SelectPostgreSql),
                new { BeforeAt = before.At, BeforeId = before.Id, Take = PageSize + 1 },
                cancellationToken);
            var next = PageCursor.Next(rows, PageSize, row => row.CreatedAt, row => row.Id);
            return new Page(rows.Take(PageSize).ToArray(), next);
        }
    }
}
