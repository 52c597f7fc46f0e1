using System.Diagnostics;
using System.Globalization;
using WeekTegenEenzaamheid.Bench;

// bench seed --db FILE --year Y [--activities N] [--signups N] [--orders N] [--received-orders N] [--reminders N]
// bench events --url BASE --secret S --db FILE [--parallel N]
// bench direct-sql --db FILE
// bench direct-signup --db FILE --activities FILE --connections N --seconds S
// bench mail-loop --port P --count N
// bench scalar --db FILE --sql "SELECT …"
var options = Options.Parse(args.Skip(1).ToArray());
var watch = Stopwatch.StartNew();
switch (args.FirstOrDefault())
{
    case "seed":
        await Seeder.RunAsync(options);
        break;
    case "events":
        await CarrierEvents.RunAsync(options);
        break;
    case "direct-sql":
        await DirectFulfilment.RunAsync(options);
        break;
    case "direct-signup":
        await DirectSignUp.RunAsync(options);
        break;
    case "mail-loop":
        await MailLoop.RunAsync(options);
        break;
    case "scalar":
        Console.WriteLine(await Sql.ScalarAsync(options.Require("db"), options.Require("sql")));
        return 0;
    default:
        Console.Error.WriteLine("usage: bench seed|events|direct-sql|direct-signup|mail-loop|scalar …");
        return 2;
}

Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]} took {watch.Elapsed.TotalSeconds:0.00} s"));
return 0;
