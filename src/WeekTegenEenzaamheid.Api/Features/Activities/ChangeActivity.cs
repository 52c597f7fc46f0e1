using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Mediation;
using Microsoft.AspNetCore.Http.HttpResults;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Activities;

/// <summary>
/// PATCH as a JSON merge patch (RFC 7396) over the registration body: the fields sent replace the
/// stored ones, objects merge, and the result must pass every rule a registration must.
/// </summary>
public static class ChangeActivity
{
    public sealed record Command(Guid Id, string? ManageToken, JsonElement Patch) : ICommand<Result<ManagedActivity>>, IManageTokenRequest;

    private const string Update = """
        UPDATE activities SET
            title = @Title, description = @Description, type = @Type, target_groups = @TargetGroups,
            starts_at = @StartsAt, ends_at = @EndsAt, expected_participants = @ExpectedParticipants, capacity = @Capacity,
            sign_up_required = @SignUpRequired, free = @Free, wheelchair_accessible = @WheelchairAccessible,
            accessibility_notes = @AccessibilityNotes, venue_name = @VenueName, street = @Street, house_number = @HouseNumber,
            postcode = @Postcode, city = @City, municipality_code = @MunicipalityCode, online_url = @OnlineUrl,
            organisation_name = @OrganisationName, contact_name = @ContactName, contact_email = @ContactEmail, phone = @Phone,
            updated_at = @Now
        WHERE id = @Id
        """;

    // A new time or place is a new version of the calendar entry (RFC 5545 3.8.7.4), one per burst of edits: the
    // first edit of a burst raises it, the later ones find the burst's change notice pending. So the notice's .ics
    // and the public file agree on the number once the burst has settled.
    private const string RaiseCalendarSequence = """
        UPDATE activities SET calendar_sequence = calendar_sequence + 1 WHERE id = @Id AND change_notice_due_at IS NULL
        """;

    internal sealed class Handler(
        DbSession session,
        MunicipalityDirectory municipalities,
        ActivityInputValidator rules,
        IOptions<JsonOptions> json,
        IMediator mediator,
        TimeProvider clock) : IRequestHandler<Command, Result<ManagedActivity>>
    {
        public async Task<Result<ManagedActivity>> Handle(Command request, CancellationToken cancellationToken)
        {
            if (request.Patch.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("The body must be a JSON object of the fields to change.");
            }

            var activity = await ActivityStore.FindAsync(session, request.Id, cancellationToken);
            if (activity is null)
            {
                return Error.NotFound("Activity");
            }

            if (activity.Status is ActivityStatus.Cancelled or ActivityStatus.Rejected)
            {
                return Error.Conflict("activityClosed", $"The activity is {activity.Status} and can no longer be changed.");
            }

            var options = json.Value.SerializerOptions;
            var current = activity.ToInput();
            var merged = JsonSerializer.SerializeToNode(current, options)!.AsObject();
            Merge(merged, JsonObject.Create(request.Patch)!);
            var changed = merged.Deserialize<ActivityInput>(options)!;

            var failures = (await rules.ValidateAsync(changed, cancellationToken)).Errors;
            if (changed.Year != activity.Year)
            {
                failures.Add(new ValidationFailure("year", "An activity cannot move to another year's Week."));
            }
            else
            {
                var edition = await EditionStore.GetAsync(session, activity.Year, cancellationToken);
                EditionWindowRules.CheckInsideWeek(changed, edition, (field, message) => failures.Add(new ValidationFailure(field,
                    message)));
            }

            if (failures.Count > 0)
            {
                throw new ValidationException(failures);
            }

            var columns = ActivityColumns.From(changed, activity.Id, activity.Status, activity.ManageTokenHash, clock.GetUtcNow());
            await session.ExecuteAsync(Update, columns, cancellationToken);
            var updated = (await ActivityStore.FindAsync(session, activity.Id, cancellationToken))!;
            // Nobody loses a confirmed seat. Checked after the UPDATE: the row is ours until the commit, so no
            // sign-up can take a seat between this read and the end of the change (read before, it could).
            if (updated.Capacity is { } capacity && capacity < updated.SeatsTaken)
            {
                throw new ValidationException([new ValidationFailure("capacity",
                    $"{updated.SeatsTaken} seats are already confirmed; the capacity cannot be lower than that.")]);
            }

            if (updated.StartsAt != activity.StartsAt || updated.EndsAt != activity.EndsAt || updated.Location != activity.Location)
            {
                if (await session.ExecuteAsync(RaiseCalendarSequence, new { activity.Id }, cancellationToken) == 1)
                {
                    updated = updated with { CalendarSequence = updated.CalendarSequence + 1 };
                }

                await mediator.Publish(new ActivityRescheduled(activity.Id), cancellationToken);
            }

            if (updated.Capacity != activity.Capacity)
            {
                await mediator.Publish(new ActivityCapacityChanged(activity.Id), cancellationToken);
                updated = (await ActivityStore.FindAsync(session, activity.Id, cancellationToken))!;
            }

            return ManagedActivity.From(updated, municipalities);
        }

        private static void Merge(JsonObject target, JsonObject patch)
        {
            foreach (var (name, value) in patch.ToArray())
            {
                if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
                {
                    Merge(targetObject, patchObject);
                }
                else
                {
                    target[name] = value?.DeepClone();
                }
            }
        }
    }

    public static async Task<Results<Ok<ManagedActivity>, ProblemHttpResult>> Endpoint(
        Guid id,
        [Microsoft.AspNetCore.Mvc.FromHeader(Name = SecurityExtensions.ManageTokenHeader)] string? token,
        [Microsoft.AspNetCore.Mvc.FromBody] JsonElement patch,
        IMediator mediator,
        CancellationToken ct) =>
        (await mediator.Send(new Command(id, token, patch), ct)).ToHttp(TypedResults.Ok);
}

/// <summary>The time or place of an activity changed; published inside the changing transaction.</summary>
public sealed record ActivityRescheduled(Guid ActivityId) : INotification;

/// <summary>The capacity changed (never below the confirmed seats); published inside the changing transaction.</summary>
public sealed record ActivityCapacityChanged(Guid ActivityId) : INotification;
