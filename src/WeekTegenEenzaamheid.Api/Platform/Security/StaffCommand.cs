using Microsoft.Extensions.Logging.Abstractions;
using WeekTegenEenzaamheid.Api.Platform.Data;

namespace WeekTegenEenzaamheid.Api.Platform.Security;

/// <summary><c>staff create --name NAME --role logistics|admin</c>: prints the new key once, alone on the last line.</summary>
public static class StaffCommand
{
    private const string InsertKey = """
        INSERT INTO staff_keys (id, name, role, key_hash, created_at)
        VALUES (@Id, @Name, @Role, @KeyHash, @CreatedAt)
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "staff";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        string? name = null;
        string? role = null;
        for (var i = 2; i < args.Length - 1; i++)
        {
            switch (args[i])
            {
                case "--name": name = args[++i]; break;
                case "--role": role = args[++i]; break;
            }
        }

        if (args.Length < 2 || args[1] != "create" || string.IsNullOrWhiteSpace(name) || role is null || !StaffRoles.All.Contains(role))
        {
            await Console.Error.WriteLineAsync("usage: staff create --name <name> --role <logistics|admin>");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddDatabaseOptions(configuration);
        await using var provider = services.BuildServiceProvider();
        var factory = new ConnectionFactory(provider.GetRequiredService<DatabaseOptions>());
        using var loggerFactory = LoggerFactory.Create(_ => { });
        Migrations.Run(factory, loggerFactory.CreateLogger("Migrations"));

        var key = await CreateKeyAsync(factory, name.Trim(), role, DateTimeOffset.UtcNow);
        Console.WriteLine($"Created {role} key for {name.Trim()}. It is shown once; store it now:");
        Console.WriteLine(key);
        return 0;
    }

    public static async Task<string> CreateKeyAsync(ConnectionFactory factory, string name, string role, DateTimeOffset now)
    {
        var key = "wte_" + Tokens.New();
        await using var session = new DbSession(factory, [], NullLogger<DbSession>.Instance);
        await session.ExecuteAsync(
            InsertKey,
            new { Id = Guid.CreateVersion7(), Name = name, Role = role, KeyHash = Tokens.Hash(key), CreatedAt = now },
            CancellationToken.None);
        return key;
    }
}
