namespace RunRecovery.Application.DropFolder;

/// <summary>
/// The server-side drop folder, bound from <c>RunRecovery:DropFolder</c> (docs/drop-folder.md). Off unless
/// <see cref="Path"/> is set.
/// </summary>
public sealed class DropFolderOptions
{
    public const string Section = "RunRecovery:DropFolder";

    /// <summary>The folder to watch. Without <see cref="Runner"/>, each subfolder named for a runner's email is that runner's.</summary>
    public string? Path { get; set; }

    /// <summary>A runner's email: the whole folder (read recursively) is this one runner's. Empty for one subfolder per runner.</summary>
    public string? Runner { get; set; }

    /// <summary>Time between scans. A file is taken once its size and modification time were the same on two scans.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where bad files go, with a <c>.problem.txt</c> beside each; relative paths are under <see cref="Path"/>.
    /// Empty leaves bad files in place and only writes the problem file beside them.
    /// </summary>
    public string? FailedFolder { get; set; } = ".failed";
}
