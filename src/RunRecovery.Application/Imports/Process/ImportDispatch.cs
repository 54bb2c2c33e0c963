using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Where an import's activity files go once the walk over the archive has found their member: the one place that
/// chooses between the two ways an import stores files (<see cref="ImportOptions.FanOut"/>). Fanned out (the default):
/// the files are spooled and each member's are stored by a member job of their own, on any worker. In one job:
/// lanes in this process store them while the walk goes on.
/// </summary>
public sealed class ImportDispatcher(
    ImportFanOut fanOut, ImportFinisher finisher, IServiceScopeFactory scopes, IOptions<ImportOptions> options)
{
    public ImportDispatch Start(RunProgress progress, CancelWatch cancel, CancellationToken cancellationToken)
    {
        ImportOptions settings = options.Value;
        return settings.FanOut
            ? new ImportDispatch.Spooled(settings.SpoolPath(progress.ImportId), progress.ImportId, fanOut)
            : new ImportDispatch.InLanes(new ImportLanes(scopes, progress, cancel, settings.Parallelism, cancellationToken), finisher, progress);
    }
}

/// <summary>One run's way of storing the activity files it walks over (<see cref="ImportDispatcher"/>).</summary>
public abstract class ImportDispatch : IAsyncDisposable
{
    /// <summary>Hands over one activity file of a member, in archive order.</summary>
    public abstract Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content, CancellationToken cancellationToken);

    /// <summary>The walk has passed every entry of these members (<see cref="MemberCursor"/>): their files may be stored now.</summary>
    public virtual void Passed(IReadOnlyList<Guid> runnerIds)
    {
    }

    /// <summary>The walk has ended (or was cancelled): lets what was handed over be stored, where that happens here.</summary>
    public abstract Task DrainAsync();

    /// <summary>After a walk that was not cancelled: finishes the import, or hands its files out to be stored.</summary>
    public abstract Task<ImportRunResult> EndAsync(ClubImport import, int processed, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// Spools each member's files into a segment of their own and hands the members to member jobs once the walk has
    /// passed a group of them (<see cref="ImportFanOut.Interleaved"/>); seals the spool when the walk ends
    /// (<see cref="ImportSpool"/>).
    /// </summary>
    internal sealed class Spooled : ImportDispatch
    {
        private readonly string _spool;
        private readonly Guid _importId;
        private readonly ImportFanOut _fanOut;
        private readonly Dictionary<Guid, ImportSpool.Writer> _open = [];
        private readonly HashSet<Guid> _earlier;
        private readonly HashSet<Guid> _handedOut = [];
        private readonly List<(Guid RunnerId, int Files)> _waiting = [];
        private readonly List<ImportSpool.Entry> _entries;

        public Spooled(string spool, Guid importId, ImportFanOut fanOut)
        {
            (_spool, _importId, _fanOut) = (spool, importId, fanOut);
            Dictionary<Guid, List<ImportSpool.Item>> earlier = ImportSpool.Prepare(spool);
            _earlier = [.. earlier.Keys];
            _entries = [.. earlier.Values.SelectMany(items => items).Select(item => new ImportSpool.Entry(item.RunnerId, item.Ordinal))];
        }

        public override Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content, CancellationToken cancellationToken)
        {
            if (_earlier.Contains(runnerId))
            {
                return Task.CompletedTask; // spooled whole by an earlier run; a segment once complete is final
            }

            if (!_open.TryGetValue(runnerId, out ImportSpool.Writer? segment))
            {
                _open[runnerId] = segment = ImportSpool.CreateSegment(_spool, runnerId);
            }

            segment.Add(runnerId, ordinal, path, content);
            _entries.Add(new ImportSpool.Entry(runnerId, ordinal));
            return Task.CompletedTask;
        }

        public override void Passed(IReadOnlyList<Guid> runnerIds)
        {
            foreach (Guid runnerId in runnerIds)
            {
                if (_open.Remove(runnerId, out ImportSpool.Writer? segment))
                {
                    using (segment)
                    {
                        segment.Complete(); // whole on disk before any job can be told of it
                    }

                    _waiting.Add((runnerId, segment.Count));
                }
            }

            if (_waiting.Count >= _fanOut.Interleaved)
            {
                HandOutWaiting();
            }
        }

        /// <summary>The members passed since the last group: their jobs, interleaved.</summary>
        private void HandOutWaiting()
        {
            _fanOut.Enqueue(_importId, _waiting);
            _handedOut.UnionWith(_waiting.Select(member => member.RunnerId));
            _waiting.Clear();
        }

        public override Task DrainAsync() => Task.CompletedTask;

        public override Task<ImportRunResult> EndAsync(ClubImport import, int processed, CancellationToken cancellationToken)
        {
            foreach (ImportSpool.Writer segment in _open.Values)
            {
                using (segment)
                {
                    segment.Complete();
                }
            }

            _open.Clear();
            // The members still waiting for a group are not handed out yet: the hand-out below interleaves them with
            // the members whose segments end with the walk.

            // After any whole-archive failure is recorded, so whichever job finishes the import knows it.
            ImportSpool.Seal(_spool, _entries);
            return _fanOut.HandOutAsync(import, processed, except: _handedOut, cancellationToken);
        }

        public override ValueTask DisposeAsync()
        {
            foreach (ImportSpool.Writer segment in _open.Values)
            {
                segment.Dispose(); // a walk that did not end: the half-written segments go
            }

            _open.Clear();
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class InLanes(ImportLanes lanes, ImportFinisher finisher, RunProgress progress) : ImportDispatch
    {
        public override async Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content, CancellationToken cancellationToken)
        {
            if (progress.Held.Add(runnerId))
            {
                await finisher.HoldScoringAsync(runnerId, cancellationToken);
            }

            await lanes.DispatchAsync(runnerId, ordinal, path, content);
        }

        public override Task DrainAsync() => lanes.DrainAsync();

        public override Task<ImportRunResult> EndAsync(ClubImport import, int processed, CancellationToken cancellationToken) =>
            finisher.CompleteAsync(import, processed, cancellationToken);

        public override ValueTask DisposeAsync() => lanes.DisposeAsync();
    }
}
