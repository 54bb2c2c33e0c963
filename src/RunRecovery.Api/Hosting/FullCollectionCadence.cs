namespace RunRecovery.Api.Hosting;

/// <summary>
/// A steady gen-2 cadence (issue 18 point 2): once a period, when the GC has run no full collection of its own in that
/// period and the process allocated at least <see cref="MinAllocatedBytesSetting"/> bytes in it, one blocking,
/// compacting full collection. With little garbage promoted per upload the GC's own full collections came twice in a
/// 30-minute soak, so the heap as a collection left it was a sawtooth whose period was longer than the soak; with this
/// it is at most a period long. An idle process (less allocated) and a busy one whose GC collects gen 2 itself are
/// left alone. Off with a period of zero. Figures, cost and why a timed collection is sound here: docs/reliability.md,
/// "A steady gen-2 cadence".
/// </summary>
internal sealed partial class FullCollectionCadence(IConfiguration configuration, ILogger<FullCollectionCadence> logger)
    : BackgroundService
{
    public const string PeriodSetting = "RunRecovery:Gc:FullCollectionPeriod";
    public const string MinAllocatedBytesSetting = "RunRecovery:Gc:FullCollectionMinAllocatedBytes";

    private static long _collections;
    private static long _pauseTicks;

    /// <summary>Full collections this process asked for (all hosts in it), for /health/runtime.</summary>
    public static long Collections => Interlocked.Read(ref _collections);

    /// <summary>The GC pause those collections took, in total.</summary>
    public static TimeSpan Pause => TimeSpan.FromTicks(Interlocked.Read(ref _pauseTicks));

    /// <summary>
    /// Whether a period that saw <paramref name="fullCollections"/> full collections of the GC's own and
    /// <paramref name="allocatedBytes"/> bytes allocated calls for one.
    /// </summary>
    public static bool IsDue(int fullCollections, long allocatedBytes, long minAllocatedBytes) =>
        fullCollections == 0 && allocatedBytes >= minAllocatedBytes;

    /// <summary>
    /// The period (default a minute; zero or less: off) and the bytes a period must allocate (default 256 MB) from
    /// configuration. Why these defaults: docs/reliability.md, "A steady gen-2 cadence".
    /// </summary>
    public static (TimeSpan Period, long MinAllocatedBytes) Settings(IConfiguration configuration) =>
        (configuration.GetValue(PeriodSetting, TimeSpan.FromMinutes(1)), configuration.GetValue(MinAllocatedBytesSetting, 256L << 20));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (TimeSpan period, long minAllocated) = Settings(configuration);
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(period);
        int fullCollections = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            int fullNow = GC.CollectionCount(2);
            long allocatedNow = GC.GetTotalAllocatedBytes(precise: false);
            if (IsDue(fullNow - fullCollections, allocatedNow - allocated, minAllocated))
            {
                Collect();
                fullNow = GC.CollectionCount(2);
                allocatedNow = GC.GetTotalAllocatedBytes(precise: false);
            }

            fullCollections = fullNow;
            allocated = allocatedNow;
        }
    }

    private void Collect()
    {
        TimeSpan pauseBefore = GC.GetTotalPauseDuration();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        TimeSpan pause = GC.GetTotalPauseDuration() - pauseBefore;
        Interlocked.Increment(ref _collections);
        Interlocked.Add(ref _pauseTicks, pause.Ticks);
        LogCollected(pause.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "full collection on the gen-2 cadence: {PauseMs} ms paused")]
    private partial void LogCollected(double pauseMs);
}
