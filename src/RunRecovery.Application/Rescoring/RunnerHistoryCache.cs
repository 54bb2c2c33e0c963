using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Each runner's <see cref="VersionedLoadHistory"/> as the last recompute in this process left it, so the next one reads
/// and scores only the new activities (docs/reliability.md, "Incremental rescoring"). A hint, never the truth: every
/// recompute checks it against the stored rows' versions and rebuilds when anything differs, so a stale or missing
/// entry (another process scored the runner, the process restarted) only costs a rebuild. Bounded by
/// <see cref="ScoringOptions.HistoryCacheBytes"/> (each entry's <see cref="VersionedLoadHistory.EstimatedBytes"/>: a
/// row version per activity, a bounded number of compact traces, full results of the recent weeks only, no inputs or samples) and evicted after
/// <see cref="Idle"/> without use.
/// </summary>
public sealed class RunnerHistoryCache(IOptions<ScoringOptions> options) : IDisposable
{
    /// <summary>An entry not used for this long is dropped.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.HistoryCacheBytes), TrackStatistics = true });
    private long _appends;
    private long _rebuilds;

    public bool Enabled { get; } = options.Value.HistoryCacheBytes > 0;

    /// <summary>The entries' <see cref="VersionedLoadHistory.EstimatedBytes"/> summed (the figure the size limit bounds).</summary>
    public long EstimatedBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    /// <summary>Entries held.</summary>
    public long Entries => _cache.GetCurrentStatistics()?.CurrentEntryCount ?? 0;

    /// <summary>Recomputes that only added new activities to a remembered history.</summary>
    public long Appends => Interlocked.Read(ref _appends);

    /// <summary>Recomputes from every stored input.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    public VersionedLoadHistory? Get(Guid runnerId) => Enabled && _cache.TryGetValue(runnerId, out VersionedLoadHistory? history) ? history : null;

    public void Set(Guid runnerId, VersionedLoadHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (Enabled)
        {
            _cache.Set(runnerId, history, new MemoryCacheEntryOptions { Size = history.EstimatedBytes, SlidingExpiration = Idle });
        }
    }

    public void Remove(Guid runnerId) => _cache.Remove(runnerId);

    internal void Count(bool appended)
    {
        if (appended)
        {
            Interlocked.Increment(ref _appends);
        }
        else
        {
            Interlocked.Increment(ref _rebuilds);
        }
    }

    public void Dispose() => _cache.Dispose();
}
