using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RunRecovery.Api.Database;

/// <summary>
/// What the embedded cluster needs from the machine: PostgreSQL's binaries, a way to run them (as the
/// <c>postgres</c> user when this process is root, since PostgreSQL refuses to run as root), process
/// checks and a free loopback port.
/// </summary>
internal static class LocalPostgres
{
    public const string ServiceUser = "postgres";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries() =>
        FindBinaries(Environment.GetEnvironmentVariable("PATH") ?? "", "/usr/lib/postgresql");

    /// <summary>Searches <paramref name="path"/> (a PATH value), then <c>{debianRoot}/*/bin</c>, newest version first.</summary>
    public static string? FindBinaries(string path, string debianRoot)
    {
        IEnumerable<string> onPath = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<string> debian = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), out int version) ? version : 0)
                .Select(dir => Path.Combine(dir, "bin"))
            : [];

        return onPath.Concat(debian).FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    /// <summary>
    /// False when this process is root and the <c>postgres</c> user could not reach <paramref name="folder"/>
    /// (it needs search permission on every ancestor). Always true when not root.
    /// </summary>
    public static async Task<bool> ServiceUserCanReachAsync(string folder, CancellationToken cancellationToken)
    {
        if (!IsRoot)
        {
            return true;
        }

        DirectoryInfo? existing = new(Path.GetFullPath(folder));
        while (existing is not null && !existing.Exists)
        {
            existing = existing.Parent;
        }

        if (existing is null)
        {
            return true;
        }

        (int exit, _) = await ExecuteAsync("runuser", ["-u", ServiceUser, "--", "test", "-x", existing.FullName], cancellationToken);
        return exit == 0;
    }

    /// <summary>Runs a PostgreSQL tool from <paramref name="bin"/>, as the service user when this process is root.</summary>
    public static Task<(int Exit, string Output)> RunToolAsync(
        string bin, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        string path = Path.Combine(bin, tool);
        return IsRoot
            ? ExecuteAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], cancellationToken)
            : ExecuteAsync(path, arguments, cancellationToken);
    }

    public static async Task<(int Exit, string Output)> ExecuteAsync(
        string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Run from a folder every user can read: the service user may not be able to enter ours.
            WorkingDirectory = "/",
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new DatabaseStartupException($"Could not run {fileName}.");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>True when <paramref name="pid"/> is a running (not zombie) process named postgres.</summary>
    public static bool IsPostgresProcess(int pid)
    {
        try
        {
            // /proc/<pid>/stat reads "pid (comm) state ..."; an exited process awaiting its reaper shows state Z.
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            int open = stat.IndexOf('(', StringComparison.Ordinal);
            return open >= 0 && close > open && close + 2 < stat.Length
                && stat[(open + 1)..close].StartsWith("postgres", StringComparison.Ordinal)
                && stat[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
