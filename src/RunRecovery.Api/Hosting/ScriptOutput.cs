namespace RunRecovery.Api.Hosting;

/// <summary>
/// Where <c>script PATH</c> writes. <c>dotnet run --project src/RunRecovery.Api</c> runs the service in its project
/// folder, not where the command was typed, so a relative path is read against the repository root (the nearest
/// folder above holding RunRecovery.sln) when there is one: the README's
/// <c>dotnet run --project src/RunRecovery.Api -- script migrations/sql/runrecovery.sql</c> then writes the committed
/// script from the repository root as it says. Elsewhere (a published build) it is read against the working folder.
/// </summary>
public static class ScriptOutput
{
    public const string SolutionFile = "RunRecovery.sln";

    public static string Resolve(string path, string workingDirectory)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        for (var folder = new DirectoryInfo(workingDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return Path.GetFullPath(path, folder.FullName);
            }
        }

        return Path.GetFullPath(path, workingDirectory);
    }
}
