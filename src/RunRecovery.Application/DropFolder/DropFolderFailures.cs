namespace RunRecovery.Application.DropFolder;

/// <summary>Where a refused file goes: the failed folder, at the same relative path, never over another file.</summary>
internal static class DropFolderFailures
{
    /// <summary>The file's new path; null when no failed folder is set or the move is not possible (a read-only folder).</summary>
    public static string? MoveAside(string root, string? failedFolder, DropCandidate file)
    {
        if (string.IsNullOrWhiteSpace(failedFolder))
        {
            return null;
        }

        string target = Path.Combine(Path.GetFullPath(Path.Combine(root, failedFolder)), file.Relative);
        string directory = Path.GetDirectoryName(target)!; // a combined path always has one
        string stem = Path.GetFileNameWithoutExtension(target);
        string extension = Path.GetExtension(target);
        for (int n = 2; File.Exists(target); n++)
        {
            target = Path.Combine(directory, $"{stem} ({n}){extension}");
        }

        try
        {
            Directory.CreateDirectory(directory);
            File.Move(file.FullPath, target);
            return target;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
