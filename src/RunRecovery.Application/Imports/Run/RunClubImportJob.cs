using Hangfire;
using Mediator;

namespace RunRecovery.Application.Imports.Run;

/// <summary>Runs (or continues) one club import. Safe to run twice: finished entries are skipped, and a second
/// concurrent run of the same import waits on the first's lock and then finds nothing left to do.</summary>
public sealed class RunClubImportJob(ISender sender)
{
    public const string Queue = "default";

    [Queue(Queue), AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(Guid importId, CancellationToken cancellationToken) =>
        await sender.Send(new RunClubImport(importId), cancellationToken);
}
