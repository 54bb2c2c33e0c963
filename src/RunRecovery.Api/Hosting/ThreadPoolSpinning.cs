namespace RunRecovery.Api.Hosting;

/// <summary>
/// On one processor (what the runtime sees under a CPU quota below 1.5 CPUs: a capped worker, <c>docker run --cpus
/// 0.25</c>) an idle thread-pool thread does not spin but yields the CPU up to 70 times before it sleeps, and a worker
/// goes idle on every database round trip: 577,000 involuntary context switches and 12.1 → 4.0 CPU-seconds (with the
/// tiering delay off as well) for the same 1,600 club-import runs in one worker at 0.25 CPU (docs/reliability.md,
/// "Scale-out"). So with one processor the service sets the runtime's spin limit to 0, before the thread pool first
/// starts; an explicit setting (runtimeconfig or <c>DOTNET_ThreadPool_UnfairSemaphoreSpinLimit</c>) wins. With more
/// processors nothing changes.
/// </summary>
internal static class ThreadPoolSpinning
{
    public const string Setting = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";
    public const string Variable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>Call first thing in Main: the thread pool reads the limit once, when its first thread starts.</summary>
    /// <returns>Whether the limit was set here.</returns>
    public static bool TurnOffOnOneProcessor(int processors, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (processors != 1 || AppContext.GetData(Setting) is not null || environment(Variable) is not null)
        {
            return false;
        }

        AppContext.SetData(Setting, 0);
        return true;
    }

    /// <summary>For the start-up log: the limit in force, or "default".</summary>
    public static string Describe(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(Variable) ?? AppContext.GetData(Setting)?.ToString() ?? "default";
    }
}
