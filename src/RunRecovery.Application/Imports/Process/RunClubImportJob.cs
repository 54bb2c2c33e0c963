using Hangfire;
using RunRecovery.Application.Jobs;

namespace RunRecovery.Application.Imports.Process;

/// <summary>Runs (or continues) one club import. Safe to run twice: finished entries are skipped, and a second
/// concurrent run of the same import waits on the first's lock and then finds nothing left to do. A database
/// outage mid-import is ridden out in place: once PostgreSQL answers again the import continues from the first
/// entry without a row (<see cref="OutageTolerantJob{TJob}"/>).</summary>
public sealed class RunClubImportJob(OutageTolerantJob<RunClubImportJob> job)
{
    public const string Queue = "default";

    public static readonly TimeSpan OutagePatience = TimeSpan.FromMinutes(5);

    [Queue(Queue), AutomaticRetry(Attempts = 10)]
    public Task RunAsync(Guid importId, CancellationToken cancellationToken) =>
        job.SendAsync(new RunClubImport(importId), OutagePatience, cancellationToken);
}
