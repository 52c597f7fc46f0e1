using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Logistics;

/// <summary>
/// Staff cancel an order that has not been shipped (also one in a pick batch); its stock returns and the initiator is told why.
/// </summary>
public static class CancelKitOrderByStaff
{
    public sealed record Body(string? Reason);

    /// <summary>
    /// <paramref name="StaffId"/> is the staff member who cancels (<see cref="StaffIdentity.Id"/>: the key's or the
    /// session's), kept in the history by id.
    /// </summary>
    public sealed record Command(string Reference, string? Reason, Guid? StaffId = null) : ICommand<Result<LogisticsOrderView>>;

    public static async Task<Results<Ok<LogisticsOrderView>, ProblemHttpResult>> Endpoint(
        string reference, Body body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
        (await mediator.Send(new Command(reference, body.Reason, StaffIdentity.Id(user)), ct)).ToHttp(TypedResults.Ok);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).MultiLine().NotEmpty().Must(r => r!.Trim().Length is >= 3 and <= 500)
            .WithMessage("Give a reason of 3 to 500 characters; the initiator receives it.").OverridePropertyName("reason");
    }

    internal sealed class Handler(DbSession session, MunicipalityDirectory municipalities, Outbox outbox, TimeProvider clock)
        : IRequestHandler<Command, Result<LogisticsOrderView>>
    {
        public async Task<Result<LogisticsOrderView>> Handle(Command request, CancellationToken cancellationToken)
        {
            var order = await KitOrderStore.FindByReferenceAsync(session, request.Reference, cancellationToken);
            if (order is null)
            {
                return Error.NotFound("Kit order");
            }

            if (order.Status != KitOrderStatus.Cancelled)
            {
                if (!KitOrderStatus.Unshipped.Contains(order.Status))
                {
                    return Error.Conflict("kitOrderNotCancellable", $"The order is {order.Status}; a shipped order cannot be cancelled.");
                }

                var reason = request.Reason!.Trim();
                // With a member the note is the reason alone: KitOrderHistoryRow.NoteForStaff puts their name before it.
                var note = request.StaffId is null ? $"{KitOrderHistoryRow.CancelledByStaff}: {reason}" : reason;
                if (!await KitOrderCancellation.CancelAsync(
                    session, order, note, clock.GetUtcNow(), cancellationToken, request.StaffId))
                {
                    return Error.ConcurrentChange("The kit order");
                }

                var activity = (await ActivityStore.FindAsync(session, order.ActivityId, cancellationToken))!;
                await outbox.EnqueueAsync(KitOrderEmails.CancelledByStaff(order, activity, reason), cancellationToken);
            }

            var current = (await KitOrderStore.FindAsync(session, order.Id, cancellationToken))!;
            return await LogisticsOrders.ViewAsync(session, municipalities, current, cancellationToken);
        }
    }
}
