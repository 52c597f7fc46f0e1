namespace WeekTegenEenzaamheid.Tests.Infrastructure;

/// <summary>Files of the repository the tests read: the sources, the example request bodies.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "WeekTegenEenzaamheid.sln")))
        {
            directory = directory.Parent
                ?? throw new InvalidOperationException("The repository root (WeekTegenEenzaamheid.sln) was not found.");
        }

        return directory.FullName;
    }
}
