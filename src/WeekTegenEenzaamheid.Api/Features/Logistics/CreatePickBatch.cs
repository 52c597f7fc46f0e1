using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// Puts allocated orders, oldest first (all of them, or at most <c>max</c>), into a new pick batch:
/// they become <c>picking</c>. On request, and on the <c>pick-batches</c> schedule.
/// </summary>
public static class CreatePickBatch
{
    public sealed record Body(int? Max);

    /// <summary>
    /// <paramref name="StaffId"/>: the staff member who makes it (<see cref="StaffIdentity.Id"/>), kept by id; null for the
    /// scheduled job, which the batch then names as <see cref="JobName"/>.
    /// </summary>
    public sealed record Command(int? Max, Guid? StaffId) : ICommand<Result<Created>>;

    /// <summary>Who made a batch when no staff member did (<c>created_by</c>); beside a <c>staff_id</c> it holds "staff".</summary>
    public const string JobName = "pick-batches job";

    public sealed record Created(Guid Id, int OrderCount);

    public static async Task<Results<Created<Created>, ProblemHttpResult>> Endpoint(
        Body? body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(body?.Max, StaffIdentity.Id(user)), ct))
            .ToHttp(batch => TypedResults.Created(LogisticsEndpoints.PickListPath(batch.Id), batch));

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Max).InclusiveBetween(1, 10_000).OverridePropertyName("max");
    }

    private const string InsertBatch = """
        INSERT INTO pick_batches (id, created_at, created_by, staff_id, order_count) VALUES (@Id, @Now, @CreatedBy, @StaffId, 0)
        """;

    private const string ClaimSqlite = """
        UPDATE kit_orders SET status = 'picking', pick_batch_id = @BatchId, updated_at = @Now
        WHERE id IN (
            SELECT id FROM kit_orders WHERE status = 'allocated'
            ORDER BY received_at, reference
            LIMIT @Max)
        """;

    // READPAST: a batch being made on another app server keeps its orders; this one takes the rest.
    private const string ClaimSqlServer = """
        WITH due AS (
            SELECT TOP (@Max) id, status, pick_batch_id, updated_at FROM kit_orders WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE status = 'allocated'
            ORDER BY received_at, reference)
        UPDATE due SET status = 'picking', pick_batch_id = @BatchId, updated_at = @Now
        """;

    // SKIP LOCKED: as READPAST, a batch being made on another app server keeps its orders. Under READ
    // COMMITTED, FOR UPDATE checks status = 'allocated' again on the newest version of each row it locks,
    // so an order another batch has just taken (now 'picking') is left out, never taken twice.
    private const string ClaimPostgreSql = """
        UPDATE kit_orders SET status = 'picking', pick_batch_id = @BatchId, updated_at = @Now
        WHERE id IN (
            SELECT id FROM kit_orders WHERE status = 'allocated'
            ORDER BY received_at, reference
            LIMIT @Max
            FOR UPDATE SKIP LOCKED)
        """;

    private const string RecordHistory = """
        INSERT INTO kit_order_history (order_id, status, changed_at, note)
        SELECT id, 'picking', @Now, @Note FROM kit_orders WHERE pick_batch_id = @BatchId
        """;

    private const string SetCount = """
        UPDATE pick_batches SET order_count = @Count WHERE id = @BatchId
        """;

    internal sealed class Handler(DbSession session, TimeProvider clock) : IRequestHandler<Command, Result<Created>>
    {
        public async Task<Result<Created>> Handle(Command request, CancellationToken cancellationToken)
        {
            var batchId = Guid.CreateVersion7();
            var now = clock.GetUtcNow();
            var createdBy = request.StaffId is null ? JobName : LogisticsEndpoints.ByStaffId;
            await session.ExecuteAsync(
                InsertBatch, new { Id = batchId, Now = now, CreatedBy = createdBy, request.StaffId }, cancellationToken);
            var count = await session.ExecuteAsync(
                session.Dialect.Pick(ClaimSqlite, ClaimSqlServer, ClaimPostgreSql),
                new { BatchId = batchId, Now = now, Max = request.Max ?? int.MaxValue },
                cancellationToken);
            if (count == 0)
            {
                // The failure rolls back the empty batch.
                return Error.Conflict("nothingToPick", "No allocated orders are waiting to be picked.");
            }

            var note = $"pick batch {batchId}";
            await session.ExecuteAsync(RecordHistory, new { BatchId = batchId, Now = now, Note = note }, cancellationToken);
            await session.ExecuteAsync(SetCount, new { BatchId = batchId, Count = count }, cancellationToken);
            return new Created(batchId, count);
        }
    }
}

/// <summary>The scheduled batch (Logistics:PickBatchCron): whatever is allocated by then goes on the day's pick list.</summary>
/// <remarks>Hangfire gives each run its own scope: the mediator is the run's.</remarks>
public sealed class PickBatchesJob(IMediator mediator, ILogger<PickBatchesJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new CreatePickBatch.Command(null, StaffId: null), cancellationToken);
        if (result is Result<CreatePickBatch.Created>.Success { Value: var batch })
        {
            logger.LogInformation("Pick batch {BatchId} made with {OrderCount} orders", batch.Id, batch.OrderCount);
        }
        else
        {
            logger.LogInformation("No allocated kit orders to batch");
        }
    }
}
