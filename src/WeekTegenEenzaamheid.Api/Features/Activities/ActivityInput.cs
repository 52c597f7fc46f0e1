using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using MimeKit;
using WeekTegenEenzaamheid.Api.Features.Municipalities;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public sealed record LocationInput
{
    public string? VenueName { get; init; }

    public string? Street { get; init; }

    public string? HouseNumber { get; init; }

    public string? Postcode { get; init; }

    public string? City { get; init; }

    public string? MunicipalityCode { get; init; }

    public string? OnlineUrl { get; init; }
}

public sealed record OrganiserInput
{
    public string? OrganisationName { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? Phone { get; init; }
}

/// <summary>An activity as an initiator writes it: the registration body, and what a PATCH is merged into.</summary>
public record ActivityInput
{
    public int? Year { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Type { get; init; }

    public IReadOnlyList<string>? TargetGroups { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public int? ExpectedParticipants { get; init; }

    public int? Capacity { get; init; }

    public bool? SignUpRequired { get; init; }

    public bool? Free { get; init; }

    public bool? WheelchairAccessible { get; init; }

    public string? AccessibilityNotes { get; init; }

    public LocationInput? Location { get; init; }

    public OrganiserInput? Organiser { get; init; }
}

public static partial class ActivityRules
{
    public static readonly string[] Types = ["meetup", "meal", "walk", "sport", "creative", "culture", "workshop", "information", "online",
        "other"];

    public static readonly string[] TargetGroups = ["everyone", "elderly", "youth", "children", "caregivers", "migrants", "lgbtiq",
        "disability", "lowIncome"];

    /// <summary>
    /// "1234ab" and "1234 AB" both become "1234 AB". Dutch postcodes never start with 0, and SA, SD and SS are not
    /// issued.
    /// </summary>
    public static string? NormalisePostcode(string? postcode)
    {
        if (postcode is null)
        {
            return null;
        }

        var match = PostcodePattern().Match(postcode.Trim());
        if (!match.Success)
        {
            return null;
        }

        var letters = match.Groups[2].Value.ToUpperInvariant();
        return letters is "SA" or "SD" or "SS" ? null : $"{match.Groups[1].Value} {letters}";
    }

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// One bare address, its domain written in Unicode (<c>müller.de</c>) or in IDNA ASCII (<c>xn--mller-kva.de</c>):
    /// both name the same mailbox. MimeKit shows an ASCII domain decoded, so the two are compared by <see cref="EmailKey"/>.
    /// </summary>
    public static bool IsEmail(string? value) =>
        value is { Length: <= 254 }
        && MailboxAddress.TryParse(value, out var mailbox)
        && string.IsNullOrEmpty(mailbox.Name)
        && mailbox.Domain.Contains('.', StringComparison.Ordinal)
        && EmailKey(mailbox.Address) is { } parsed
        && parsed == EmailKey(value.Trim());

    /// <summary>
    /// The one form in which two addresses are compared (one sign-up per address, a person's privacy requests, the
    /// per-recipient e-mail limit): trimmed, the local part lower-cased, the
    /// domain in IDNA ASCII lower-case (RFC 5890), so <c>Jan@Müller.de</c> and <c>jan@xn--mller-kva.de</c> are one
    /// key. Null when the domain is no valid IDN name.
    /// </summary>
    public static string? EmailKey(string address)
    {
        address = address.Trim();
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return null;
        }

        try
        {
            return address[..at].ToLowerInvariant() + "@" + Idn.GetAscii(address[(at + 1)..]).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && value.Length <= 500;

    [GeneratedRegex(@"^([1-9][0-9]{3}) ?([A-Za-z]{2})$")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,18}$")]
    public static partial Regex PhonePattern();

    [GeneratedRegex(@"^[1-9][0-9]{0,4}( ?[A-Za-z0-9\-]{1,6})?$")]
    public static partial Regex HouseNumberPattern();
}

/// <summary>Every rule of the domain that one activity's fields must meet on their own.</summary>
public sealed class ActivityInputValidator : AbstractValidator<ActivityInput>
{
    public ActivityInputValidator(MunicipalityDirectory municipalities)
    {
        RuleFor(a => a.Year).NotNull();
        RuleFor(a => a.Title).SingleLine();
        RuleFor(a => a.Title).NotEmpty().Must(t => t!.Trim().Length is >= 3 and <= 120).WithMessage("Title must be 3 to 120 characters.");
        RuleFor(a => a.Description).MaximumLength(4000).MultiLine();
        RuleFor(a => a.Type).NotEmpty().Must(t => ActivityRules.Types.Contains(t))
            .WithMessage($"Type must be one of: {string.Join(", ", ActivityRules.Types)}.");
        RuleFor(a => a.TargetGroups).NotEmpty().WithMessage("Name at least one target group.");
        RuleForEach(a => a.TargetGroups).Must(g => ActivityRules.TargetGroups.Contains(g))
            .WithMessage($"Target group must be one of: {string.Join(", ", ActivityRules.TargetGroups)}.");
        RuleFor(a => a.StartsAt).NotNull();
        RuleFor(a => a.EndsAt).NotNull();
        RuleFor(a => a.EndsAt).Must((a, end) => end > a.StartsAt)
            .When(a => a.StartsAt is not null && a.EndsAt is not null).WithMessage("The end must be after the start.");
        RuleFor(a => a.ExpectedParticipants).NotNull().InclusiveBetween(1, 10_000);
        RuleFor(a => a.Capacity).InclusiveBetween(1, 10_000);
        RuleFor(a => a.SignUpRequired).NotNull();
        RuleFor(a => a.Free).NotNull();
        RuleFor(a => a.WheelchairAccessible).NotNull();
        RuleFor(a => a.AccessibilityNotes).MaximumLength(1000).MultiLine();

        RuleFor(a => a.Location).NotNull();
        When(a => a.Location is not null, () =>
        {
            // Whatever the type, every location field that is sent is stored and may be shown on one line.
            RuleFor(a => a.Location!.VenueName).SingleLine();
            RuleFor(a => a.Location!.Street).SingleLine();
            RuleFor(a => a.Location!.HouseNumber).SingleLine();
            RuleFor(a => a.Location!.Postcode).SingleLine();
            RuleFor(a => a.Location!.City).SingleLine();
            RuleFor(a => a.Location!.MunicipalityCode).SingleLine();
            RuleFor(a => a.Location!.OnlineUrl).SingleLine();
        });
        RuleFor(a => a.Location!.MunicipalityCode).NotEmpty()
            .Must(code => municipalities.Find(code) is not null).WithMessage("Unknown municipality: use the CBS code, e.g. GM0363.")
            .When(a => a.Location is not null);
        RuleFor(a => a.Location!.OnlineUrl).Must(ActivityRules.IsHttpsUrl).WithMessage("An online activity needs an https URL.")
            .When(a => a.Location is not null && (a.Type == "online" || a.Location.OnlineUrl is not null));
        When(a => a.Location is not null && a.Type != "online", () =>
        {
            RuleFor(a => a.Location!.VenueName).NotEmpty().MaximumLength(200);
            RuleFor(a => a.Location!.Street).NotEmpty().MaximumLength(200);
            RuleFor(a => a.Location!.HouseNumber).NotEmpty().Matches(ActivityRules.HouseNumberPattern())
                .WithMessage("House number must be a number with an optional addition, e.g. 12a.");
            RuleFor(a => a.Location!.Postcode).NotEmpty().Must(p => ActivityRules.NormalisePostcode(p) is not null)
                .WithMessage("Postcode must be a Dutch postcode, e.g. 1234 AB.");
            RuleFor(a => a.Location!.City).NotEmpty().MaximumLength(100);
        });

        RuleFor(a => a.Organiser).NotNull();
        When(a => a.Organiser is not null, () =>
        {
            RuleFor(a => a.Organiser!.OrganisationName).SingleLine();
            RuleFor(a => a.Organiser!.ContactName).SingleLine();
            RuleFor(a => a.Organiser!.ContactEmail).SingleLine();
            RuleFor(a => a.Organiser!.Phone).SingleLine();
            RuleFor(a => a.Organiser!.OrganisationName).MaximumLength(200);
            RuleFor(a => a.Organiser!.ContactName).NotEmpty().MaximumLength(200);
            RuleFor(a => a.Organiser!.ContactEmail).NotEmpty().Must(ActivityRules.IsEmail)
                .WithMessage("Contact e-mail must be an e-mail address.");
            RuleFor(a => a.Organiser!.Phone).Matches(ActivityRules.PhonePattern()).WithMessage("Phone must be a phone number.");
        });
    }
}
