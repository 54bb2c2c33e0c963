namespace RunRecovery.TestSupport;

/// <summary>
/// Finds the shared real-device fixture corpus: RUNRECOVERY_FIXTURES, else ../shared/fixtures beside the repository.
/// Corpus tests skip with <see cref="SkipReason"/> when it is absent (a clone without ../shared); .ci/run requires it.
/// Every test project uses this one class (a global using in each project file).
/// </summary>
public static class FixtureCorpus
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string? Directory => Root.Value;

    public static string SkipReason =>
        "Shared fixture corpus not found: set RUNRECOVERY_FIXTURES or place ../shared/fixtures beside the repository.";

    public static string PathOf(string relative)
    {
        string root = Directory ?? throw new InvalidOperationException(SkipReason);
        return Path.Combine(root, relative);
    }

    private static string? Find()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("RUNRECOVERY_FIXTURES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return System.IO.Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

        // Walk up from the test binary to the repository root (the folder holding RunRecovery.sln).
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunRecovery.sln")))
            {
                string candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
                return System.IO.Directory.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        return null;
    }
}
