namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Tests that swap <see cref="Console.Out"/>, which is process-wide: they run alone, after the others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
