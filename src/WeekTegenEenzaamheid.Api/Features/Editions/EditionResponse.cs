namespace WeekTegenEenzaamheid.Api.Features.Editions;

public sealed record EditionResponse(
    int Year,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly OpeningOn,
    DateTimeOffset RegistrationOpensAt,
    DateTimeOffset KitOrderDeadline,
    bool IsDefault)
{
    public static EditionResponse From(Edition edition) => new(
        edition.Year,
        edition.StartsOn,
        edition.EndsOn,
        edition.OpeningOn,
        AmsterdamTime.ToLocal(edition.RegistrationOpensAt),
        AmsterdamTime.ToLocal(edition.KitOrderDeadline),
        edition.IsDefault);
}
