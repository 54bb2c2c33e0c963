using Hangfire;
using RunRecovery.Application.Jobs;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Stores one member's files of a fanned-out import (queue <c>default</c>, like the import job). Like the import
/// job it rides out a database outage in place (<see cref="OutageTolerantJob{TJob}"/>); the entries stored before the
/// outage have rows and are skipped.
/// </summary>
public sealed class ImportMemberJob(OutageTolerantJob<ImportMemberJob> job)
{
    [Queue(RunClubImportJob.Queue), AutomaticRetry(Attempts = 10)]
    public Task RunAsync(Guid importId, Guid runnerId, CancellationToken cancellationToken) =>
        job.SendAsync(new ImportMember(importId, runnerId), RunClubImportJob.OutagePatience, cancellationToken);
}
