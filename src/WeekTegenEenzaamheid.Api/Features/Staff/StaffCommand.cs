using Microsoft.Extensions.Logging.Abstractions;
using WeekTegenEenzaamheid.Api.Features.Activities;
using WeekTegenEenzaamheid.Api.Platform;
using WeekTegenEenzaamheid.Api.Platform.Data;
using WeekTegenEenzaamheid.Api.Platform.Email;
using WeekTegenEenzaamheid.Api.Platform.Security;

namespace WeekTegenEenzaamheid.Api.Features.Staff;

/// <summary>
/// The staff commands, run with the service's configuration:
/// <c>staff create --name NAME --role logistics|admin [--email ADDRESS]</c> prints the new API key once, alone on the
/// last line, and with an address first a one-time sign-in link (valid 15 minutes), so a first admin signs in without
/// an SMTP server; <c>staff link --email ADDRESS</c> prints a new sign-in link for an existing member on its last line.
/// Wrong arguments: usage on standard error, exit code 2.
/// </summary>
public static class StaffCommand
{
    private const string Usage = """
        usage: staff create --name <name> --role <logistics|admin> [--email <address>]
               staff link --email <address>
        """;

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "staff";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length - 1; i++)
        {
            if (args[i] is "--name" or "--role" or "--email")
            {
                options[args[i]] = args[++i];
            }
        }

        var verb = args.Length > 1 ? args[1] : null;
        var name = options.GetValueOrDefault("--name")?.Trim();
        var role = options.GetValueOrDefault("--role");
        var email = options.GetValueOrDefault("--email")?.Trim();
        var valid = verb switch
        {
            "create" => !string.IsNullOrWhiteSpace(name) && role is not null && StaffRoles.All.Contains(role)
                && (email is null || ActivityRules.IsEmail(email)),
            "link" => email is not null && ActivityRules.IsEmail(email),
            _ => false,
        };
        if (!valid)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var services = new ServiceCollection();
        services.AddDatabaseOptions(configuration);
        services.AddBoundOptions<AppOptions>(configuration, AppOptions.Section);
        await using var provider = services.BuildServiceProvider();
        var factory = new ConnectionFactory(provider.GetRequiredService<DatabaseOptions>());
        var app = provider.GetRequiredService<AppOptions>();
        using var loggerFactory = LoggerFactory.Create(_ => { });
        Migrations.Run(factory, loggerFactory.CreateLogger("Migrations"));
        await using var session = new DbSession(factory, [], NullLogger<DbSession>.Instance);
        var now = DateTimeOffset.UtcNow;
        if (verb == "link")
        {
            if (await StaffMembers.FindByEmailAsync(session, email!, CancellationToken.None) is not { } member)
            {
                await Console.Error.WriteLineAsync($"No staff member signs in with {email}.");
                return 2;
            }

            Console.WriteLine($"Sign-in link for {member.Name}, valid 15 minutes and once:");
            Console.WriteLine(app.Link(StaffMembers.LinkFor(await StaffMembers.CreateSignInTokenAsync(session, member.Id, now,
                CancellationToken.None))));
            return 0;
        }

        if (email is not null && await StaffMembers.FindByEmailAsync(session, email, CancellationToken.None) is not null)
        {
            await Console.Error.WriteLineAsync($"A staff member already signs in with {email}.");
            return 2;
        }

        var (id, key) = await StaffMembers.CreateAsync(session, name!, role!, email, now, CancellationToken.None);
        if (email is not null)
        {
            var token = await StaffMembers.CreateSignInTokenAsync(session, id, now, CancellationToken.None);
            Console.WriteLine($"Sign-in link for {name}, valid 15 minutes and once:");
            Console.WriteLine(app.Link(StaffMembers.LinkFor(token)));
        }

        Console.WriteLine($"Created {role} key for {name}. It is shown once; store it now:");
        Console.WriteLine(key);
        return 0;
    }

    /// <summary>Adds a staff member without a sign-in address and returns their API key (tests and tools).</summary>
    public static async Task<string> CreateKeyAsync(ConnectionFactory factory, string name, string role, DateTimeOffset now)
    {
        await using var session = new DbSession(factory, [], NullLogger<DbSession>.Instance);
        return (await StaffMembers.CreateAsync(session, name, role, email: null, now, CancellationToken.None)).Key;
    }
}
