using WeekTegenEenzaamheid.Api.Features.Editions;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

public static class EditionWindowRules
{
    /// <summary>Start and end fall inside the edition's Week, in Amsterdam dates.</summary>
    public static void CheckInsideWeek(ActivityInput input, Edition edition, Action<string, string> fail)
    {
        var week = $"{edition.StartsOn:yyyy-MM-dd} to {edition.EndsOn:yyyy-MM-dd}";
        if (input.StartsAt is { } start && (start < edition.WeekStartsAt || start >= edition.WeekEndsAt))
        {
            fail("startsAt", $"The activity must start during the Week of {edition.Year} ({week}).");
        }

        if (input.EndsAt is { } end && (end <= edition.WeekStartsAt || end > edition.WeekEndsAt))
        {
            fail("endsAt", $"The activity must end during the Week of {edition.Year} ({week}).");
        }
    }
}
