using System.Diagnostics;
using System.Runtime;
using RunRecovery.Api.Hosting;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Api.Health;

/// <summary>
/// GET /health/runtime: the process's managed heap, GC counts, threads and handles, for the soak test
/// (bench/soak); with <c>?collect=true</c> it first runs a full compacting collection and reports what survives. Off unless <c>RunRecovery:Diagnostics:Runtime</c> is true, and then answered to loopback callers only (<see cref="RequestOrigin.IsLoopbackClient"/>: never to a request relayed by an unlisted proxy, since <c>?collect=true</c> blocks the process for a full collection).
/// </summary>
internal static class RuntimeFigures
{
    public const string Setting = "RunRecovery:Diagnostics:Runtime";

    private static readonly string[] Generations = ["gen0", "gen1", "gen2", "loh", "poh"];

    public static void MapRuntimeFigures(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue(Setting, defaultValue: false))
        {
            return;
        }

        app.MapGet("/health/runtime", (HttpContext context, bool? collect) =>
        {
            if (!RequestOrigin.IsLoopbackClient(context)) // not for a request relayed by a proxy nobody listed
            {
                return Results.NotFound();
            }

            long? liveBytes = null;
            if (collect == true)
            {
                // What is still referenced: a blocking, compacting full collection, the large object heap included.
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                liveBytes = GC.GetTotalMemory(forceFullCollection: false);
            }

            using var process = Process.GetCurrentProcess();
            GCMemoryInfo gc = GC.GetGCMemoryInfo();
            GCMemoryInfo full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            RunnerHistoryCache histories = context.RequestServices.GetRequiredService<RunnerHistoryCache>();
            UploadAdmission admission = context.RequestServices.GetRequiredService<UploadAdmission>();
            ScoringLane lane = context.RequestServices.GetRequiredService<ScoringLane>();
            (TimeSpan Period, long MinAllocatedBytes) cadence = FullCollectionCadence.Settings(context.RequestServices.GetRequiredService<IConfiguration>());
            return Results.Ok(new
            {
                managedHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
                liveBytesAfterFullCollection = liveBytes,
                heapSizeBytes = gc.HeapSizeBytes,
                fragmentedBytes = gc.FragmentedBytes,
                committedBytes = gc.TotalCommittedBytes,
                gen0Collections = GC.CollectionCount(0),
                gen1Collections = GC.CollectionCount(1),
                gen2Collections = GC.CollectionCount(2),
                threads = process.Threads.Count,
                threadPoolThreads = ThreadPool.ThreadCount,
                threadPoolQueued = ThreadPool.PendingWorkItemCount, // work waiting for a pool thread (a starved pool, issue 18 point 3)
                handles = process.HandleCount,
                workingSetBytes = process.WorkingSet64,
                allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
                scoringAppends = histories.Appends, // recomputes that extended a remembered history (issue 18)
                scoringRebuilds = histories.Rebuilds,
                historyCacheBytes = histories.EstimatedBytes, // the runners' kept histories, estimated (issue 18 point 2)
                historyCacheEntries = histories.Entries,
                uploadsInFlight = admission.InFlight,
                uploadsRefusedBusy = admission.Refused,
                uploadsRefusedAtOnce = admission.RefusedAtOnce, // while shedding (a standing line), not after a wait
                uploadsWaiting = admission.Waiting,
                uploadsShedding = admission.Shedding,
                scoringJobsRunning = lane.Running, // the scoring lane (scoring gives way to uploads, issue 18 point 3)
                scoringJobsWaiting = lane.Waiting,
                scoringJobsWaited = lane.Waited,
                lastCollection = Collection(gc), // what heapSizeBytes counts, generation by generation (issue 18)
                lastFullCollection = full.Index == 0 ? null : Collection(full),
                gcSettings = GcSettings(),

                // Where a process's own CPU goes, cheaply (issue 18 point 4, bench/scale-out): the JIT, GC pauses,
                // lock contention and thread-pool work since start; the bench prints the difference per imported run.
                processors = Environment.ProcessorCount,
                userCpuMs = process.UserProcessorTime.TotalMilliseconds,
                systemCpuMs = process.PrivilegedProcessorTime.TotalMilliseconds,
                jitMs = JitInfo.GetCompilationTime().TotalMilliseconds,
                jitMethods = JitInfo.GetCompiledMethodCount(),
                jitILBytes = JitInfo.GetCompiledILBytes(),
                gcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
                cadenceCollections = FullCollectionCadence.Collections, // full collections the gen-2 cadence asked for
                cadencePauseMs = FullCollectionCadence.Pause.TotalMilliseconds,
                cadencePeriodSeconds = cadence.Period.TotalSeconds, // the cadence's settings in effect (0: off)
                cadenceMinAllocatedBytes = cadence.MinAllocatedBytes,
                lockContentions = Monitor.LockContentionCount,
                threadPoolWorkItems = ThreadPool.CompletedWorkItemCount,
                timers = Timer.ActiveCount,
            });
        }).ExcludeFromDescription();
    }

    /// <summary>
    /// One collection as <see cref="GC.GetGCMemoryInfo(GCKind)"/> reports it: its generation, whether it compacted,
    /// the objects pinned during it, and each generation's size and free space (fragmentation) as it left them.
    /// </summary>
    private static object Collection(GCMemoryInfo gc) => new
    {
        index = gc.Index,
        generation = gc.Generation,
        compacted = gc.Compacted,
        pinnedObjects = gc.PinnedObjectsCount,
        promotedBytes = gc.PromotedBytes,
        heapSizeBytes = gc.HeapSizeBytes,
        fragmentedBytes = gc.FragmentedBytes,
        committedBytes = gc.TotalCommittedBytes,
        generations = Generations.Select((name, index) => new
        {
            name,
            sizeAfterBytes = gc.GenerationInfo[index].SizeAfterBytes,
            fragmentationAfterBytes = gc.GenerationInfo[index].FragmentationAfterBytes,
        }),
    };

    /// <summary>The GC settings in effect (server or workstation, dynamic adaptation, heap count, thresholds).</summary>
    private static Dictionary<string, string> GcSettings() =>
        GC.GetConfigurationVariables().ToDictionary(setting => setting.Key, setting => Convert.ToString(setting.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
}
