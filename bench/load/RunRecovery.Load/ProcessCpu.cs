using System.Diagnostics;
using System.Globalization;

namespace RunRecovery.Load;

/// <summary>CPU-seconds (user + system) from <c>/proc</c>: this process, another one, or PostgreSQL's whole tree.</summary>
internal static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on Linux (getconf CLK_TCK)

    public static double Own() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>utime + stime of <paramref name="pid"/>; 0 when it is 0 or gone.</summary>
    public static double Of(int pid) => pid > 0 && Stat(pid) is { } fields ? (Field(fields, 14) + Field(fields, 15)) / TicksPerSecond : 0;

    /// <summary>
    /// The postmaster's own and reaped children's CPU (cutime + cstime: every backend that exited) plus every live
    /// child's utime + stime: all of PostgreSQL's CPU since it started.
    /// </summary>
    public static double PostgresTree(int postmaster)
    {
        if (postmaster <= 0 || Stat(postmaster) is not { } own)
        {
            return 0;
        }

        double ticks = Field(own, 14) + Field(own, 15) + Field(own, 16) + Field(own, 17); // utime, stime, cutime, cstime
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out int pid) && Stat(pid) is { } child
                && (int)Field(child, 4) == postmaster) // ppid
            {
                ticks += Field(child, 14) + Field(child, 15);
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>/proc/PID/stat split after the name: index 0 holds fields 1–2 (pid and name), index 1 field 3 (state).</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            string text = File.ReadAllText($"/proc/{pid}/stat");
            int close = text.LastIndexOf(')');
            return [text[..close], .. text[(close + 2)..].Split(' ')];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Field <paramref name="number"/> as numbered in proc(5) (1: pid, 4: ppid, 14: utime, 15: stime…).</summary>
    private static double Field(string[] fields, int number) => double.Parse(fields[number - 2], CultureInfo.InvariantCulture);
}
