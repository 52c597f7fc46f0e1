using System.Text;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Features.Privacy;

/// <summary>
/// Everything stored under one address, found the way the one-sign-up-per-address rule compares addresses
/// (<see cref="ActivityRules.EmailKey"/>). The database narrows the rows down with a LIKE on the local part; the exact
/// comparison is <see cref="ActivityRules.EmailKey"/> in code, so it cannot drift from the rule (and a cancelled sign-up,
/// whose <c>email_key</c> is already gone, is still found by its address).
/// </summary>
public sealed class PersonRecords(DbSession session)
{
    private const string SelectSignUps = """
        SELECT r.id AS Id, r.activity_id AS ActivityId, a.title AS ActivityTitle, a.year AS Year, r.name AS Name, r.email AS Email,
            r.party_size AS PartySize, r.status AS Status, r.created_at AS CreatedAt
        FROM registrations r JOIN activities a ON a.id = r.activity_id
        WHERE LOWER(r.email) LIKE @Pattern ESCAPE '\'
        ORDER BY r.created_at, r.id
        """;

    private const string SelectActivities = """
        SELECT a.id AS Id, a.title AS Title, a.year AS Year, a.status AS Status, a.starts_at AS StartsAt, a.ends_at AS EndsAt,
            a.organisation_name AS OrganisationName, a.contact_name AS ContactName, a.contact_email AS ContactEmail, a.phone AS Phone
        FROM activities a
        WHERE LOWER(a.contact_email) LIKE @Pattern ESCAPE '\'
        ORDER BY a.created_at, a.id
        """;

    private const string SelectKitOrders = """
        SELECT o.id AS Id, o.reference AS Reference, o.activity_id AS ActivityId, o.status AS Status, o.recipient AS Recipient,
            o.street AS Street, o.house_number AS HouseNumber, o.postcode AS Postcode, o.city AS City, o.phone AS Phone,
            o.received_at AS ReceivedAt
        FROM kit_orders o
        WHERE o.activity_id = @ActivityId
        ORDER BY o.received_at, o.id
        """;

    private const string SelectEmails = """
        SELECT o.id AS Id, o.to_address AS ToAddress, o.subject AS Subject, o.status AS Status, o.created_at AS CreatedAt,
            o.sent_at AS SentAt
        FROM outbox_messages o
        WHERE LOWER(o.to_address) LIKE @Pattern ESCAPE '\'
        ORDER BY o.created_at, o.id
        """;

    // A member signs in with email (email_key, 0009); a key made before that may still be named with the address.
    private const string SelectStaff = """
        SELECT s.id AS Id, s.name AS Name, s.role AS Role, s.email AS Email, s.email_key AS EmailKey, s.created_at AS CreatedAt,
            s.revoked_at AS RevokedAt
        FROM staff_keys s
        WHERE s.email_key = @EmailKey OR LOWER(s.name) LIKE @Pattern ESCAPE '\'
        ORDER BY s.created_at, s.id
        """;

    /// <summary>Sign-ups whose address is <paramref name="key"/>'s; erased ones have no address and are not found.</summary>
    public async Task<IReadOnlyList<SignUpRecord>> SignUpsAsync(string key, CancellationToken cancellationToken) =>
        (await session.QueryAsync<SignUpRecord>(SelectSignUps, Narrow(key), cancellationToken))
            .Where(row => Same(row.Email, key)).ToArray();

    /// <summary>Activities whose contact address is <paramref name="key"/>'s.</summary>
    public async Task<IReadOnlyList<ContactRecord>> ActivitiesAsync(string key, CancellationToken cancellationToken) =>
        (await session.QueryAsync<ContactRecord>(SelectActivities, Narrow(key), cancellationToken))
            .Where(row => Same(row.ContactEmail, key)).ToArray();

    /// <summary>The kit orders of the activities, cancelled ones included.</summary>
    public async Task<IReadOnlyList<KitOrderRecord>> KitOrdersAsync(IEnumerable<Guid> activityIds, CancellationToken cancellationToken)
    {
        var orders = new List<KitOrderRecord>();
        foreach (var activityId in activityIds)
        {
            orders.AddRange(await session.QueryAsync<KitOrderRecord>(SelectKitOrders, new { ActivityId = activityId }, cancellationToken));
        }

        return orders;
    }

    /// <summary>E-mails in the outbox to <paramref name="key"/>'s address.</summary>
    public async Task<IReadOnlyList<EmailRecord>> EmailsAsync(string key, CancellationToken cancellationToken) =>
        (await session.QueryAsync<EmailRecord>(SelectEmails, Narrow(key), cancellationToken))
            .Where(row => Same(row.ToAddress, key)).ToArray();

    /// <summary>
    /// Staff members who sign in with the address (<c>email_key</c>) or whose key is named with it (<c>staff create
    /// --name</c>), revoked ones included.
    /// </summary>
    public async Task<IReadOnlyList<StaffRecord>> StaffAsync(string key, CancellationToken cancellationToken) =>
        (await session.QueryAsync<StaffRecord>(SelectStaff, new { EmailKey = key, Pattern = Pattern(key) }, cancellationToken))
            .Where(row => row.EmailKey == key || Same(row.Email, key) || Same(row.Name, key)).ToArray();

    private static bool Same(string? address, string key) => address is not null && ActivityRules.EmailKey(address) == key;

    private static object Narrow(string key) => new { Pattern = Pattern(key) };

    // LOWER folds only ASCII letters on SQLite: a local part with other letters is narrowed to "has an @" and left to the code.
    private static string Pattern(string key)
    {
        var local = key[..key.LastIndexOf('@')];
        if (!Ascii.IsValid(local))
        {
            return "%@%";
        }

        var escaped = new StringBuilder();
        foreach (var c in local)
        {
            if (c is '\\' or '%' or '_' or '[')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.Append("@%").ToString();
    }
}

/// <summary>A sign-up as a person's records show it.</summary>
public sealed record SignUpRecord
{
    public Guid Id { get; init; }

    public Guid ActivityId { get; init; }

    public required string ActivityTitle { get; init; }

    public int Year { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public int PartySize { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>An activity of which the person is the contact.</summary>
public sealed record ContactRecord
{
    public Guid Id { get; init; }

    public required string Title { get; init; }

    public int Year { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? OrganisationName { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? Phone { get; init; }
}

/// <summary>A kit order of such an activity, with its delivery details (empty once erased).</summary>
public sealed record KitOrderRecord
{
    public Guid Id { get; init; }

    public required string Reference { get; init; }

    public Guid ActivityId { get; init; }

    public required string Status { get; init; }

    public required string Recipient { get; init; }

    public required string Street { get; init; }

    public required string HouseNumber { get; init; }

    public required string Postcode { get; init; }

    public required string City { get; init; }

    public string? Phone { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>An e-mail in the outbox to the person; its body is never read.</summary>
public sealed record EmailRecord
{
    public Guid Id { get; init; }

    public required string ToAddress { get; init; }

    public required string Subject { get; init; }

    public required string Status { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>A staff member who signs in with the person's address, or whose key is named with it.</summary>
public sealed record StaffRecord
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Role { get; init; }

    public string? Email { get; init; }

    public string? EmailKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the member was revoked; null while the account works.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
