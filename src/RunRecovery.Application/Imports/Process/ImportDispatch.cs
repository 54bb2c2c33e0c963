using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Where an import's activity files go once the walk over the archive has found their member: the one place that
/// chooses between the two ways an import stores files (<see cref="ImportOptions.FanOut"/>). Fanned out (the default):
/// the files are spooled and each member's are stored by a member job of their own, on any worker. In one job:
/// lanes in this process store them while the walk goes on.
/// </summary>
public sealed class ImportDispatcher(
    ImportFanOut fanOut, ScoringQueue scoring, ImportFinisher finisher, IServiceScopeFactory scopes, IOptions<ImportOptions> options)
{
    public ImportDispatch Start(RunProgress progress, CancelWatch cancel, CancellationToken cancellationToken)
    {
        ImportOptions settings = options.Value;
        return settings.FanOut
            ? new ImportDispatch.Spooled(ImportSpool.Create(settings.SpoolPath(progress.ImportId)), fanOut)
            : new ImportDispatch.InLanes(new ImportLanes(scopes, progress, cancel, settings.Parallelism, cancellationToken), scoring, finisher, progress);
    }
}

/// <summary>One run's way of storing the activity files it walks over (<see cref="ImportDispatcher"/>).</summary>
public abstract class ImportDispatch : IAsyncDisposable
{
    /// <summary>Hands over one activity file of a member, in archive order.</summary>
    public abstract Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content, CancellationToken cancellationToken);

    /// <summary>The walk has ended (or was cancelled): lets what was handed over be stored, where that happens here.</summary>
    public abstract Task DrainAsync();

    /// <summary>After a walk that was not cancelled: finishes the import, or hands its files out to be stored.</summary>
    public abstract Task<ImportRunResult> EndAsync(ClubImport import, int processed, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    internal sealed class Spooled(ImportSpool.Writer spool, ImportFanOut fanOut) : ImportDispatch
    {
        public override Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content, CancellationToken cancellationToken)
        {
            spool.Add(runnerId, ordinal, path, content);
            return Task.CompletedTask;
        }

        public override Task DrainAsync() => Task.CompletedTask;

        public override Task<ImportRunResult> EndAsync(ClubImport import, int processed, CancellationToken cancellationToken)
        {
            spool.Complete(); // after any whole-archive failure is recorded, so whichever job finishes the import knows it
            return fanOut.HandOutAsync(import, processed, cancellationToken);
        }

        public override ValueTask DisposeAsync()
        {
            spool.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class InLanes(ImportLanes lanes, ScoringQueue scoring, ImportFinisher finisher, RunProgress progress) : ImportDispatch
    {
        public override async Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content, CancellationToken cancellationToken)
        {
            if (progress.Held.Add(runnerId))
            {
                await scoring.HoldAsync(runnerId, cancellationToken);
            }

            await lanes.DispatchAsync(runnerId, ordinal, path, content);
        }

        public override Task DrainAsync() => lanes.DrainAsync();

        public override Task<ImportRunResult> EndAsync(ClubImport import, int processed, CancellationToken cancellationToken) =>
            finisher.CompleteAsync(import, processed, cancellationToken);

        public override ValueTask DisposeAsync() => lanes.DisposeAsync();
    }
}
