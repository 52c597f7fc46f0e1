using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Operations;

/// <summary>
/// Puts an e-mail that failed for good (status <c>failed</c>: the SMTP server refused it with a 5xx, or ten temporary
/// refusals) back in the outbox queue: <c>pending</c>, due now, with a fresh count of attempts, so the dispatch job
/// sends it as a new e-mail would be (same Message-Id). Its last error stays until the next attempt. 404 for no such
/// e-mail, 409 <c>emailNotFailed</c> when it is not failed (pending or sent already).
/// </summary>
public static class RetryEmail
{
    public const string Path = "/api/admin/emails/{id:guid}/retry";

    public sealed record Command(Guid Id) : ICommand<Result<ListEmails.EmailView>>, IStaffAction
    {
        [JsonIgnore] public string ActionName => "email.retried";

        [JsonIgnore] public string? Subject => Id.ToString();
    }

    private const string Requeue = """
        UPDATE outbox_messages
        SET status = 'pending', attempts = 0, next_attempt_at = @Now, locked_by = NULL, locked_until = NULL
        WHERE id = @Id AND status = 'failed'
        """;

    private const string SelectOne = $"""
        SELECT {ListEmails.Columns}
        FROM outbox_messages
        WHERE id = @Id
        """;

    internal sealed class Handler(DbSession session, OutboxSignal signal, TimeProvider clock)
        : IRequestHandler<Command, Result<ListEmails.EmailView>>
    {
        public async Task<Result<ListEmails.EmailView>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (await session.ExecuteAsync(Requeue, new { request.Id, Now = clock.GetUtcNow() }, cancellationToken) == 0)
            {
                var email = await session.QuerySingleOrDefaultAsync<ListEmails.EmailView>(SelectOne, new { request.Id }, cancellationToken);
                return email is null
                    ? Error.NotFound("E-mail")
                    : Error.Conflict("emailNotFailed", $"The e-mail is {email.Status}; only a failed e-mail can be tried again.");
            }

            session.AfterCommit(signal.DispatchSoon);
            return (await session.QuerySingleOrDefaultAsync<ListEmails.EmailView>(SelectOne, new { request.Id }, cancellationToken))!;
        }
    }

    public static async Task<Results<Ok<ListEmails.EmailView>, ProblemHttpResult>> Endpoint(
        Guid id, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(id), ct)).ToHttp(TypedResults.Ok);
}
