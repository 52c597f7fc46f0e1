using FluentValidation;
using MediatR;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Mediation;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// An access request (AVG art. 15): everything stored under one address, compared as the one-sign-up-per-address rule
/// compares addresses. A command, not a query: the request is recorded in <c>privacy_requests</c> with what was found.
/// </summary>
public static class FindPerson
{
    public sealed record Command(string? Email, Guid? StaffId) : ICommand<Result<Person>>;

    /// <summary>What the service holds about one address; lists are empty when there is nothing of a kind.</summary>
    public sealed record Person(
        string Email,
        IReadOnlyList<PersonActivity> Activities,
        IReadOnlyList<PersonSignUp> SignUps,
        IReadOnlyList<PersonKitOrder> KitOrders,
        IReadOnlyList<PersonEmail> Emails,
        IReadOnlyList<PersonStaffAccount> StaffAccounts);

    /// <summary>An activity of which the address is the contact, with its contact fields as stored.</summary>
    public sealed record PersonActivity(
        Guid Id, string Title, int Year, string Status, DateTimeOffset StartsAt, string? OrganisationName, string? ContactName,
        string? ContactEmail, string? Phone);

    /// <summary>A sign-up with the address, as stored.</summary>
    public sealed record PersonSignUp(
        Guid Id, Guid ActivityId, string ActivityTitle, int Year, string? Name, string? Email, int PartySize, string Status,
        DateTimeOffset CreatedAt);

    /// <summary>A kit order of one of those activities, with its delivery details (empty strings once erased).</summary>
    public sealed record PersonKitOrder(
        string Reference, Guid ActivityId, string Status, string Recipient, string Street, string HouseNumber, string Postcode, string City,
        string? Phone, DateTimeOffset ReceivedAt);

    /// <summary>An e-mail in the outbox to the address: subject, when and its state, never the body.</summary>
    public sealed record PersonEmail(string Subject, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

    /// <summary>
    /// A staff member who signs in with the address, or whose key is named with it; <c>revokedAt</c> is null while the
    /// account works (an erasure keeps such an account: revoke it first).
    /// </summary>
    public sealed record PersonStaffAccount(
        Guid Id, string Name, string Role, DateTimeOffset CreatedAt, string? Email, DateTimeOffset? RevokedAt);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().Must(ActivityRules.IsEmail)
            .WithMessage("E-mail must be an e-mail address.").OverridePropertyName("email");
    }

    internal sealed class Handler(PersonRecords records, PrivacyRequests requests) : IRequestHandler<Command, Result<Person>>
    {
        public async Task<Result<Person>> Handle(Command request, CancellationToken cancellationToken)
        {
            var key = ActivityRules.EmailKey(request.Email!.Trim())!;
            var activities = await records.ActivitiesAsync(key, cancellationToken);
            var signUps = await records.SignUpsAsync(key, cancellationToken);
            var orders = await records.KitOrdersAsync(activities.Select(a => a.Id), cancellationToken);
            var emails = await records.EmailsAsync(key, cancellationToken);
            var staff = await records.StaffAsync(key, cancellationToken);
            var person = new Person(
                request.Email.Trim(),
                activities.Select(a => new PersonActivity(
                    a.Id, a.Title, a.Year, a.Status, a.StartsAt, a.OrganisationName, a.ContactName, a.ContactEmail, a.Phone)).ToArray(),
                signUps.Select(s => new PersonSignUp(
                    s.Id, s.ActivityId, s.ActivityTitle, s.Year, s.Name, s.Email, s.PartySize, s.Status, s.CreatedAt)).ToArray(),
                orders.Select(o => new PersonKitOrder(
                    o.Reference, o.ActivityId, o.Status, o.Recipient, o.Street, o.HouseNumber, o.Postcode, o.City, o.Phone, o.ReceivedAt))
                    .ToArray(),
                emails.Select(e => new PersonEmail(e.Subject, e.Status, e.CreatedAt, e.SentAt)).ToArray(),
                staff.Select(s => new PersonStaffAccount(s.Id, s.Name, s.Role, s.CreatedAt, s.Email, s.RevokedAt)).ToArray());

            await requests.RecordAsync(key, PrivacyRequestKind.Access, request.StaffId, null, new Dictionary<string, int>
            {
                ["activities"] = person.Activities.Count,
                ["signUps"] = person.SignUps.Count,
                ["kitOrders"] = person.KitOrders.Count,
                ["emails"] = person.Emails.Count,
                ["staffAccounts"] = person.StaffAccounts.Count,
            }, cancellationToken);
            return person;
        }
    }
}
