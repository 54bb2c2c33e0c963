using Hangfire;
using RunRecovery.Application.Jobs;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Stores one member's files of a fanned-out import, or a range of them (queue <c>default</c>, like the import job).
/// Like the import job it rides out a database outage in place (<see cref="OutageTolerantJob{TJob}"/>); the entries
/// stored before the outage have rows and are skipped.
/// </summary>
public sealed class ImportMemberJob(OutageTolerantJob<ImportMemberJob> job)
{
    /// <summary>The files from position <paramref name="first"/> of the member's segment (<see cref="ImportSpool.Chunks"/>).</summary>
    [Queue(RunClubImportJob.Queue), AutomaticRetry(Attempts = 10)]
    public Task RunAsync(Guid importId, Guid runnerId, int first, int count, CancellationToken cancellationToken) =>
        job.SendAsync(new ImportMember(importId, runnerId, first, count), RunClubImportJob.OutagePatience, cancellationToken);

    /// <summary>Every file of the member: the job as enqueued before member jobs were split (kept so such jobs still run).</summary>
    [Queue(RunClubImportJob.Queue), AutomaticRetry(Attempts = 10)]
    public Task RunAsync(Guid importId, Guid runnerId, CancellationToken cancellationToken) =>
        job.SendAsync(new ImportMember(importId, runnerId), RunClubImportJob.OutagePatience, cancellationToken);
}
