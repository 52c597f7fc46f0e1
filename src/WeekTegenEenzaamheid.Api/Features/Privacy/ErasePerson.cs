using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// An erasure request (AVG art. 17), in one transaction: sign-ups of activities that have not started are cancelled
/// (seats freed, the waitlist promoted), then every sign-up's name and address erased; upcoming activities of which the
/// address is the contact are cancelled with the usual notices, and the contact fields of all of them erased; delivery
/// details of their kit orders whose journey is over are erased; e-mails to the address leave the outbox; a revoked
/// staff member with the address loses name and address, one who can still sign in is kept (counted). Counts and
/// states stay, so the edition report does not change (but for a cancelled activity). Running it twice erases nothing
/// the second time.
/// </summary>
public static class ErasePerson
{
    public sealed record Body(string? Email, string? Reason);

    public sealed record Command(string? Email, string? Reason, Guid? StaffId) : ICommand<Result<ErasureCounts>>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().Must(ActivityRules.IsEmail)
                .WithMessage("E-mail must be an e-mail address.").OverridePropertyName("email");
            RuleFor(c => c.Reason).NotEmpty().Must(r => r!.Trim().Length is >= 3 and <= 1000)
                .WithMessage("Give a reason of 3 to 1000 characters.").OverridePropertyName("reason");
            // The record must not keep what the erasure removes.
            RuleFor(c => c.Reason).Must((c, reason) => !reason!.Contains(c.Email!.Trim(), StringComparison.OrdinalIgnoreCase))
                .When(c => !string.IsNullOrWhiteSpace(c.Email) && !string.IsNullOrWhiteSpace(c.Reason))
                .WithMessage("The reason must not contain the e-mail address.").OverridePropertyName("reason");
        }
    }

    internal sealed class Handler(PersonRecords records, Erasure erasure, PrivacyRequests requests)
        : IRequestHandler<Command, Result<ErasureCounts>>
    {
        public async Task<Result<ErasureCounts>> Handle(Command request, CancellationToken cancellationToken)
        {
            var key = ActivityRules.EmailKey(request.Email!.Trim())!;
            var signUps = await records.SignUpsAsync(key, cancellationToken);
            var signUpsCancelled = 0;
            foreach (var signUp in signUps)
            {
                signUpsCancelled += await erasure.CancelIfUpcomingAsync(signUp.Id, cancellationToken) ? 1 : 0;
            }

            var signUpsErased = 0;
            foreach (var signUp in signUps)
            {
                signUpsErased += await erasure.EraseSignUpAsync(signUp.Id, cancellationToken) ? 1 : 0;
            }

            var activities = await records.ActivitiesAsync(key, cancellationToken);
            var (activitiesCancelled, contactsErased) = (0, 0);
            foreach (var activity in activities)
            {
                activitiesCancelled += await erasure.CancelIfUpcomingAsync(activity, cancellationToken) ? 1 : 0;
                contactsErased += await erasure.EraseContactAsync(activity.Id, cancellationToken) ? 1 : 0;
            }

            var (addressesErased, ordersKept) = await erasure.EraseDeliveryAddressesAsync(
                await records.KitOrdersAsync(activities.Select(a => a.Id), cancellationToken), cancellationToken);
            // Last: the cancellations above may have queued e-mails to the address (a kit order's cancellation, say).
            var emailsDeleted = await erasure.DeleteEmailsAsync(await records.EmailsAsync(key, cancellationToken), cancellationToken);
            var (staffErased, staffKept) = await erasure.EraseStaffAccountsAsync(
                await records.StaffAsync(key, cancellationToken), cancellationToken);

            var counts = new ErasureCounts(
                signUpsCancelled, signUpsErased, activitiesCancelled, contactsErased, addressesErased, ordersKept, emailsDeleted,
                staffErased, staffKept);
            await requests.RecordAsync(
                key, PrivacyRequestKind.Erasure, request.StaffId, request.Reason!.Trim(), counts.ToDictionary(), cancellationToken);
            return counts;
        }
    }
}
