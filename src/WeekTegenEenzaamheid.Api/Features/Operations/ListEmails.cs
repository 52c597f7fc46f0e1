using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Operations;

/// <summary>The outbox as staff see it: above all the e-mails that failed for good.</summary>
public static class ListEmails
{
    public const string Path = "/api/admin/emails";

    public static readonly string[] Statuses = ["pending", "sent", "failed"];

    public sealed record Query(string? Status, int? Limit) : IQuery<IReadOnlyList<EmailView>>;

    public sealed record EmailView
    {
        public Guid Id { get; init; }

        public required string IdempotencyKey { get; init; }

        public required string ToAddress { get; init; }

        public required string Subject { get; init; }

        public required string Status { get; init; }

        public int Attempts { get; init; }

        public string? LastError { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? SentAt { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => Statuses.Contains(s)).When(q => q.Status is not null)
                .WithMessage($"Status must be one of: {string.Join(", ", Statuses)}.").OverridePropertyName("status");
            RuleFor(q => q.Limit).InclusiveBetween(1, 500).OverridePropertyName("limit");
        }
    }

    /// <summary>The columns of an <see cref="EmailView"/> from <c>outbox_messages</c> (no body: staff see what was sent, not its text).</summary>
    internal const string Columns = """
        id AS Id, idempotency_key AS IdempotencyKey, to_address AS ToAddress, subject AS Subject, status AS Status,
        attempts AS Attempts, last_error AS LastError, created_at AS CreatedAt, sent_at AS SentAt
        """;

    private const string SelectSqlite = $"""
        SELECT {Columns}
        FROM outbox_messages
        WHERE (@Status IS NULL OR status = @Status)
        ORDER BY created_at DESC
        LIMIT @Limit
        """;

    private const string SelectPostgreSql = SelectSqlite;

    private const string SelectSqlServer = $"""
        SELECT TOP (@Limit) {Columns}
        FROM outbox_messages
        WHERE (@Status IS NULL OR status = @Status)
        ORDER BY created_at DESC
        """;

    internal sealed class Handler(DbSession session) : IRequestHandler<Query, IReadOnlyList<EmailView>>
    {
        public async Task<IReadOnlyList<EmailView>> Handle(Query request, CancellationToken cancellationToken)
        {
            return await session.QueryAsync<EmailView>(
                session.Dialect.Pick(SelectSqlite, SelectSqlServer, SelectPostgreSql),
                new { request.Status, Limit = request.Limit ?? 100 },
                cancellationToken);
        }
    }

    public static async Task<Ok<IReadOnlyList<EmailView>>> Endpoint([AsParameters] Query query, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(query, ct));
}
