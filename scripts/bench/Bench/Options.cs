namespace WeekTegenEenzaamheid.Bench;

public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(values);
    }

    public string Require(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value) : fallback;
}
