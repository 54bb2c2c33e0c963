using System.Diagnostics;
using RunRecovery.Api.Database;

namespace RunRecovery.Api.Tests.Infrastructure;

/// <summary>
/// Stops a test run's embedded cluster and removes its folder once the test process is gone, however it went: a test
/// run killed from outside (kill -9, a helper's timeout) never reaches <see cref="TestPostgres.DisposeAsync"/>, and
/// its PostgreSQL server used to keep running with its folder in /tmp until stopped by hand. The watchdog is a shell
/// loop in a session of its own (setsid), so killing the test's process group does not take it too; it checks the
/// test process once a second and costs nothing else. After a normal end it finds the cluster already stopped and
/// the folder gone.
/// </summary>
internal static class ClusterWatchdog
{
    private const string Script = """
        owner="$1"; root="$2"; shift 2
        while kill -0 "$owner" 2>/dev/null; do sleep 1; done
        if [ -f "$root/data/postmaster.pid" ]; then "$@" stop -D "$root/data" -m immediate -w -t 30 -s >/dev/null 2>&1; fi
        rm -rf "$root"
        """;

    /// <summary>
    /// Starts the watchdog for the cluster in <paramref name="root"/>, acting once <paramref name="ownerPid"/> (default:
    /// this process) is gone; false when it could not be started.
    /// </summary>
    public static bool Watch(string root, int? ownerPid = null)
    {
        string? bin = LocalPostgres.FindBinaries();
        if (bin is null || !OperatingSystem.IsLinux())
        {
            return false;
        }

        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            WorkingDirectory = "/",
        };
        string[] pgCtl = LocalPostgres.IsRoot
            ? ["runuser", "-u", LocalPostgres.ServiceUser, "--", Path.Combine(bin, "pg_ctl")]
            : [Path.Combine(bin, "pg_ctl")];
        foreach (string argument in (string[])["sh", "-c", Script, "watchdog", (ownerPid ?? Environment.ProcessId).ToString(System.Globalization.CultureInfo.InvariantCulture), root, .. pgCtl])
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using Process? process = Process.Start(start);
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no setsid: the run still works, a killed run leaves its cluster as before
        }
    }
}
