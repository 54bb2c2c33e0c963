using System.Diagnostics;
using System.Runtime;
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
            RunnerHistoryCache histories = context.RequestServices.GetRequiredService<RunnerHistoryCache>();
            UploadAdmission admission = context.RequestServices.GetRequiredService<UploadAdmission>();
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
                handles = process.HandleCount,
                workingSetBytes = process.WorkingSet64,
                allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
                scoringAppends = histories.Appends, // recomputes that extended a remembered history (issue 18)
                scoringRebuilds = histories.Rebuilds,
                uploadsInFlight = admission.InFlight,
                uploadsRefusedBusy = admission.Refused,

                // Where a process's own CPU goes, cheaply (issue 18 point 4, bench/scale-out): the JIT, GC pauses,
                // lock contention and thread-pool work since start; the bench prints the difference per imported run.
                processors = Environment.ProcessorCount,
                userCpuMs = process.UserProcessorTime.TotalMilliseconds,
                systemCpuMs = process.PrivilegedProcessorTime.TotalMilliseconds,
                jitMs = JitInfo.GetCompilationTime().TotalMilliseconds,
                jitMethods = JitInfo.GetCompiledMethodCount(),
                jitILBytes = JitInfo.GetCompiledILBytes(),
                gcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
                lockContentions = Monitor.LockContentionCount,
                threadPoolWorkItems = ThreadPool.CompletedWorkItemCount,
                timers = Timer.ActiveCount,
            });
        }).ExcludeFromDescription();
    }
}
