namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>
/// The shared real-device corpus: RUNRECOVERY_FIXTURES, else ../shared/fixtures beside the repository.
/// Tests that need it skip with <see cref="SkipReason"/> when it is absent.
/// </summary>
public static class FixtureCorpus
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string? Directory => Root.Value;

    public static string SkipReason =>
        "Shared fixture corpus not found: set RUNRECOVERY_FIXTURES or place ../shared/fixtures beside the repository.";

    public static string PathOf(string relative) => Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), relative);

    private static string? Find()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("RUNRECOVERY_FIXTURES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return System.IO.Directory.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }

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
