using System.Globalization;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// The .NET runtime's tiering delay, as this process got it: tier-0 code runs uncounted until no new method was
/// compiled for this long, so hot code reaches optimized (tier-1) code only after it. 100 ms by default, ten times
/// that when the runtime sees one processor (<c>TC_DelaySingleProcMultiplier</c>), which a worker held to a CPU quota
/// under 1.5 CPUs does. Such a worker kept running tier-0 code and compiling for minutes; the image sets
/// <c>DOTNET_TC_CallCountingDelayMs=0</c> (Dockerfile). The runtime reads these knobs from the environment only
/// (not runtimeconfig.json), as hexadecimal numbers. docs/reliability.md, "Scale-out".
/// </summary>
internal static class TieringDelay
{
    private const int DefaultMilliseconds = 100;
    private const int DefaultSingleProcessorMultiplier = 10;

    /// <param name="environment">Reads an environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <param name="processors">What the runtime sized itself for (<see cref="Environment.ProcessorCount"/>).</param>
    public static TimeSpan Effective(Func<string, string?> environment, int processors)
    {
        ArgumentNullException.ThrowIfNull(environment);
        long delay = Knob(environment, "TC_CallCountingDelayMs") ?? DefaultMilliseconds;
        if (processors == 1)
        {
            long multiplier = Knob(environment, "TC_DelaySingleProcMultiplier") ?? DefaultSingleProcessorMultiplier;
            delay *= Math.Max(multiplier, 1);
        }

        return TimeSpan.FromMilliseconds(delay);
    }

    // DOTNET_ wins over the older COMPlus_ prefix; values are hexadecimal, with or without 0x. An unreadable value
    // counts as unset, as the runtime treats it.
    private static long? Knob(Func<string, string?> environment, string name)
    {
        string? text = environment("DOTNET_" + name) ?? environment("COMPlus_" + name);
        if (text is null)
        {
            return null;
        }

        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        return uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint value) ? value : null;
    }
}
