using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>A staff member as the sign-in needs it: who, which role, and whether revoked.</summary>
public sealed record StaffMember
{
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Role { get; init; }

    public string? Email { get; init; }
}

/// <summary>
/// The staff members (table <c>staff_keys</c>, one row per person with the API key made for them) and their sign-in
/// links. A link is valid <see cref="LinkLifetime"/>, used once, stored as its SHA-256 hash; a revoked member
/// (<c>revoked_at</c> set) is never found, so their key, links and sessions stop working at once.
/// </summary>
public static class StaffMembers
{
    /// <summary>How long a sign-in link works (issue 12: 15 minutes, once).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The path of the page a sign-in link opens; its button uses the link.</summary>
    public const string LinkPath = "/medewerkers/inloggen/link";

    private const string Insert = """
        INSERT INTO staff_keys (id, name, role, key_hash, created_at, email, email_key)
        VALUES (@Id, @Name, @Role, @KeyHash, @CreatedAt, @Email, @EmailKey)
        """;

    private const string SelectByEmail = """
        SELECT s.id AS Id, s.name AS Name, s.role AS Role, s.email AS Email
        FROM staff_keys s
        WHERE s.email_key = @EmailKey AND s.revoked_at IS NULL
        """;

    private const string DeleteExpiredLinks = "DELETE FROM staff_sign_in_links WHERE expires_at < @Cutoff";

    private const string InsertLink = """
        INSERT INTO staff_sign_in_links (id, staff_id, token_hash, created_at, expires_at)
        VALUES (@Id, @StaffId, @TokenHash, @Now, @ExpiresAt)
        """;

    /// <summary>
    /// Adds a staff member with a new API key (<c>wte_</c> and 256 random bits, returned once, stored hashed) and an
    /// optional sign-in address (callers check first that no member has it: <see cref="FindByEmailAsync"/>).
    /// </summary>
    public static async Task<(Guid Id, string Key)> CreateAsync(
        DbSession session, string name, string role, string? email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = "wte_" + Tokens.New();
        var id = Guid.CreateVersion7();
        await session.ExecuteAsync(
            Insert,
            new
            {
                Id = id, Name = name, Role = role, KeyHash = Tokens.Hash(key), CreatedAt = now,
                Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
                EmailKey = string.IsNullOrWhiteSpace(email) ? null : ActivityRules.EmailKey(email),
            },
            cancellationToken);
        return (id, key);
    }

    /// <summary>
    /// The member who signs in with <paramref name="email"/> (compared as <see cref="ActivityRules.EmailKey"/>), if not
    /// revoked.
    /// </summary>
    public static async Task<StaffMember?> FindByEmailAsync(DbSession session, string email, CancellationToken cancellationToken) =>
        ActivityRules.EmailKey(email) is { } emailKey
            ? (await session.QueryAsync<StaffMember>(SelectByEmail, new { EmailKey = emailKey }, cancellationToken)).FirstOrDefault()
            : null;

    /// <summary>
    /// Makes a sign-in link's token for <paramref name="staffId"/>, valid <see cref="LinkLifetime"/> from
    /// <paramref name="now"/>; links that expired over a day ago are deleted on the way.
    /// </summary>
    public static async Task<string> CreateSignInTokenAsync(
        DbSession session, Guid staffId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(DeleteExpiredLinks, new { Cutoff = now.AddDays(-1) }, cancellationToken);
        var token = Tokens.New();
        await session.ExecuteAsync(
            InsertLink,
            new
            {
                Id = Guid.CreateVersion7(), StaffId = staffId, TokenHash = Tokens.Hash(token), Now = now,
                ExpiresAt = now + LinkLifetime,
            },
            cancellationToken);
        return token;
    }

    /// <summary>
    /// The address path of a sign-in link for <paramref name="token"/>, with the page to go to after sign-in when it
    /// is a local path (else the role's start page).
    /// </summary>
    public static string LinkFor(string token, string? returnPath = null) =>
        LinkPath + "?token=" + Uri.EscapeDataString(token)
        + (StaffSessionCookie.IsLocalPath(returnPath)
            ? "&" + StaffSessionCookie.ReturnUrlParameter + "=" + Uri.EscapeDataString(returnPath!)
            : string.Empty);
}
