using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>
/// The traces of one runner's <see cref="KeptLoadHistory"/>, shared by its successive versions: each version reads a
/// window of <see cref="Items"/>, and appending to the newest version writes after its window into spare room instead
/// of copying the whole history. Copying made every upload's recompute allocate the runner's whole trace history
/// again (136 bytes an activity) while the version it replaced, kept in the cache since the runner's previous upload,
/// died in gen 2: garbage that grew with the histories through a soak (docs/reliability.md, "Soak"). Written by one
/// recompute at a time: <see cref="TryClaim"/> gives the room after a window to the first version that asks, so a
/// second append after the same window (a recompute whose result was not kept, retried from the version before)
/// copies instead of overwriting what another version sees.
/// </summary>
internal sealed class TraceLog
{
    private int _end;

    private TraceLog(LoadTrace[] items, int end)
    {
        Items = items;
        _end = end;
    }

    /// <summary>The traces; only the windows the versions hold are meaningful.</summary>
    public LoadTrace[] Items { get; }

    /// <summary>
    /// A log holding <paramref name="traces"/> at its start, with room for <paramref name="extra"/> more claimed at once
    /// (the caller writes them) and spare room after that: a quarter of the length, at least 16, so copies are rare.
    /// </summary>
    public static TraceLog Of(ReadOnlySpan<LoadTrace> traces, int extra)
    {
        int length = traces.Length + extra;
        var items = new LoadTrace[length + Math.Max(16, length / 4)];
        traces.CopyTo(items);
        return new TraceLog(items, length);
    }

    /// <summary>
    /// Claims <paramref name="count"/> slots after a window ending at <paramref name="end"/>: true when nothing has been
    /// written after that window yet and there is room; the caller then writes them.
    /// </summary>
    public bool TryClaim(int end, int count) =>
        end + count <= Items.Length && Interlocked.CompareExchange(ref _end, end + count, end) == end;
}
