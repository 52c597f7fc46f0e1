using System.Text.Json.Nodes;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Features.Attendance;
using WeekTegenEenzaamheid.Api.Features.Editions;
using WeekTegenEenzaamheid.Api.Features.KitOrders;
using WeekTegenEenzaamheid.Api.Features.Logistics;
using WeekTegenEenzaamheid.Api.Features.Municipalities;
using WeekTegenEenzaamheid.Api.Features.Operations;
using WeekTegenEenzaamheid.Api.Features.SignUps;
using WeekTegenEenzaamheid.Api.Features.Staff;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Http;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features;

/// <summary>
/// What the OpenAPI document adds to the request and response shapes: the fields the validators require, the allowed
/// values of every enum the rules check, and examples that pass validation (a test sends them). The rules themselves
/// live in the validators; this lists what they require so that Scalar can show it.
/// </summary>
public static class ApiSchemas
{
    private static readonly string[] ActivityStatuses =
        [ActivityStatus.PendingVerification, ActivityStatus.Published, ActivityStatus.Cancelled, ActivityStatus.Rejected];

    private static readonly string[] SignUpStatuses = [SignUpStatus.Confirmed, SignUpStatus.Waitlisted, SignUpStatus.Cancelled];

    private static readonly string[] CarrierStatuses = [ReceiveCarrierEvent.Delivered, ReceiveCarrierEvent.DeliveryFailed];

    public static IServiceCollection AddApiSchemas(this IServiceCollection services)
    {
        Add(services, new SchemaDoc(typeof(ActivityInput))
        {
            Description = "An activity as its initiator registers it. Start and end lie in the edition's Week (Amsterdam dates).",
            Required = ["year", "title", "type", "targetGroups", "startsAt", "endsAt", "expectedParticipants", "signUpRequired", "free",
                "wheelchairAccessible", "location", "organiser"],
            Enums = new Dictionary<string, IReadOnlyList<string>> { ["type"] = ActivityRules.Types,
                ["targetGroups"] = ActivityRules.TargetGroups },
            Example = ActivityExampleAsync,
        });
        Add(services, new SchemaDoc(typeof(LocationInput))
        {
            Description = "Where: venue, street, house number, postcode and city unless the type is online (then an https onlineUrl).",
            Required = ["municipalityCode"],
        });
        Add(services, new SchemaDoc(typeof(OrganiserInput)) { Required = ["contactName", "contactEmail"] });
        Add(services, new SchemaDoc(typeof(PublicActivity))
        {
            Enums = new Dictionary<string, IReadOnlyList<string>>
            {
                ["status"] = ActivityStatuses, ["type"] = ActivityRules.Types, ["targetGroups"] = ActivityRules.TargetGroups,
            },
        });
        Add(services, new SchemaDoc(typeof(VerifyActivity.Body)) { Required = ["token"] });
        Add(services, new SchemaDoc(typeof(AddStaffMember.Command))
        {
            Required = ["name", "email", "role"],
            Enums = new Dictionary<string, IReadOnlyList<string>> { ["role"] = StaffRoles.All },
            Example = Fixed(new JsonObject { ["name"] = "Wim de Vries", ["email"] = "wim@magazijn.example.nl", ["role"] = "logistics" }),
        });
        Add(services, new SchemaDoc(typeof(ChangeStaffRole.Body))
        {
            Required = ["role"],
            Enums = new Dictionary<string, IReadOnlyList<string>> { ["role"] = StaffRoles.All },
            Example = Fixed(new JsonObject { ["role"] = "admin" }),
        });
        Add(services, new SchemaDoc(typeof(RejectActivity.Body))
        {
            Required = ["reason"],
            Example = Fixed(new JsonObject { ["reason"] = "Dit is reclame voor een winkel, geen activiteit tegen eenzaamheid." }),
        });
        Add(services, new SchemaDoc(typeof(ReportAttendance.Body)) { Required = ["attended"],
            Example = Fixed(new JsonObject { ["attended"] = 25 }) });
        Add(services, new SchemaDoc(typeof(SignUpForActivity.Body))
        {
            Required = ["name", "email", "partySize"],
            Example = Fixed(new JsonObject { ["name"] = "Jan de Vries", ["email"] = "jan@example.nl", ["partySize"] = 2 }),
        });
        Add(services, new SchemaDoc(typeof(SignUpView)) { Enums = StatusEnum(SignUpStatuses) });
        Add(services, new SchemaDoc(typeof(SetEdition.Body))
        {
            Required = ["startsOn", "endsOn", "openingOn", "registrationOpensAt", "kitOrderDeadline"],
            Example = Fixed(new JsonObject
            {
                ["startsOn"] = "2027-09-30", ["endsOn"] = "2027-10-06", ["openingOn"] = "2027-09-29",
                ["registrationOpensAt"] = "2026-11-01T00:00:00+01:00", ["kitOrderDeadline"] = "2027-09-01T00:00:00+02:00",
            }),
        });
        Add(services, new SchemaDoc(typeof(PlaceKitOrder.Command))
        {
            Required = ["lines", "delivery"],
            Example = Fixed(new JsonObject
            {
                ["lines"] = new JsonArray(
                    new JsonObject { ["sku"] = "KEP-POSTER-A3", ["quantity"] = 5 }, new JsonObject { ["sku"] = "KEP-PLACEMAT",
                        ["quantity"] = 2 }),
                ["delivery"] = new JsonObject
                {
                    ["recipient"] = "Fatima Yilmaz", ["street"] = "Lindelaan", ["houseNumber"] = "12a", ["postcode"] = "1234 AB",
                    ["city"] = "Lelystad", ["phone"] = null,
                },
            }),
        });
        Add(services, new SchemaDoc(typeof(PlaceKitOrder.LineInput)) { Required = ["sku", "quantity"] });
        Add(services, new SchemaDoc(typeof(PlaceKitOrder.DeliveryInput)) { Required = ["recipient", "street", "houseNumber", "postcode",
            "city"] });
        Add(services, new SchemaDoc(typeof(KitOrderView)) { Enums = StatusEnum(KitOrderStatus.All) });
        Add(services, new SchemaDoc(typeof(LogisticsOrderView)) { Enums = StatusEnum(KitOrderStatus.All) });
        Add(services, new SchemaDoc(typeof(HistoryEntryView)) { Enums = StatusEnum(KitOrderStatus.All) });
        Add(services, new SchemaDoc(typeof(RecordShipment.Body))
        {
            Required = ["carrier", "trackingNumber"],
            Example = Fixed(new JsonObject { ["carrier"] = "PostNL", ["trackingNumber"] = "3SABCD1234567" }),
        });
        Add(services, new SchemaDoc(typeof(CancelKitOrderByStaff.Body))
        {
            Required = ["reason"],
            Example = Fixed(new JsonObject { ["reason"] = "Het adres bestaat niet; bel ons om het te verbeteren." }),
        });
        Add(services, new SchemaDoc(typeof(BookStockReceipt.Body))
        {
            Required = ["quantity"],
            Example = Fixed(new JsonObject { ["quantity"] = 500, ["note"] = "levering drukker" }),
        });
        Add(services, new SchemaDoc(typeof(CreatePickBatch.Body)) { Example = Fixed(new JsonObject { ["max"] = 50 }) });
        Add(services, new SchemaDoc(typeof(SetKitItem.Body))
        {
            Required = ["name", "description", "maxPerOrder"],
            Example = Fixed(new JsonObject
            {
                ["name"] = "Poster A3", ["description"] = "Poster om je activiteit aan te kondigen.", ["maxPerOrder"] = 10,
                    ["active"] = true,
            }),
        });
        Add(services, new SchemaDoc(typeof(ReceiveCarrierEvent.Command))
        {
            Required = ["eventId", "trackingNumber", "status", "occurredAt"],
            Enums = new Dictionary<string, IReadOnlyList<string>> { ["status"] = CarrierStatuses },
            Example = Fixed(new JsonObject
            {
                ["eventId"] = "evt-1", ["trackingNumber"] = "3SABCD1234567", ["status"] = "delivered",
                    ["occurredAt"] = "2027-09-20T14:03:00+02:00",
            }),
        });

        Add(services, new SchemaDoc(typeof(ImportShipments.RowResult))
        {
            Enums = new Dictionary<string, IReadOnlyList<string>> { ["outcome"] = ["shipped", "alreadyShipped", "failed"] },
        });

        services.AddSingleton(new ParameterDoc("type", _ => ActivityRules.Types, "SearchActivities"));
        services.AddSingleton(new ParameterDoc("targetGroup", _ => ActivityRules.TargetGroups, "SearchActivities"));
        services.AddSingleton(new ParameterDoc("province", provider => provider.GetRequiredService<MunicipalityDirectory>().Provinces));
        services.AddSingleton(new ParameterDoc("status", _ => KitOrderStatus.All, "ListKitOrders"));
        services.AddSingleton(new ParameterDoc("status", _ => ListEmails.Statuses, "ListEmails"));
        return services;
    }

    private static void Add(IServiceCollection services, SchemaDoc doc) => services.AddSingleton(doc);

    private static Func<IServiceProvider, CancellationToken, Task<JsonNode>> Fixed(JsonNode example) =>
        (_, _) => Task.FromResult(example.DeepClone());

    /// <summary>
    /// A signUp that passes validation now: the first edition from this year on whose signUp is open, an
    /// afternoon on the first day of its Week. Before any such edition exists the example names next year, and the
    /// answer says when its signUp opens.
    /// </summary>
    private static async Task<JsonNode> ActivityExampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var thisYear = AmsterdamTime.ToLocal(now).Year;
        var edition = await EditionStore.GetAsync(session, thisYear + 1, cancellationToken);
        for (var year = thisYear; year <= thisYear + 1; year++)
        {
            var candidate = await EditionStore.GetAsync(session, year, cancellationToken);
            if (now >= candidate.RegistrationOpensAt && now < candidate.WeekEndsAt)
            {
                edition = candidate;
                break;
            }
        }

        var day = edition.StartsOn.ToDateTime(TimeOnly.MinValue);
        return new JsonObject
        {
            ["year"] = edition.Year,
            ["title"] = "Soep & praat",
            ["description"] = "Samen soep eten en bijpraten in de buurtkamer.",
            ["type"] = "meal",
            ["targetGroups"] = new JsonArray("elderly", "everyone"),
            ["startsAt"] = AmsterdamTime.Local(day.AddHours(14)),
            ["endsAt"] = AmsterdamTime.Local(day.AddHours(16)),
            ["expectedParticipants"] = 40,
            ["capacity"] = 30,
            ["signUpRequired"] = true,
            ["free"] = true,
            ["wheelchairAccessible"] = true,
            ["accessibilityNotes"] = null,
            ["location"] = new JsonObject
            {
                ["venueName"] = "Buurthuis De Linde", ["street"] = "Lindelaan", ["houseNumber"] = "12a", ["postcode"] = "1234 AB",
                ["city"] = "Lelystad", ["municipalityCode"] = "GM0995", ["onlineUrl"] = null,
            },
            ["organiser"] = new JsonObject
            {
                ["organisationName"] = null, ["contactName"] = "Fatima Yilmaz", ["contactEmail"] = "fatima@example.nl", ["phone"] = null,
            },
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> StatusEnum(IReadOnlyList<string> statuses) => new() { ["status"] = statuses };
}
