using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Ingests activity entries on a few parallel lanes, each with its own scope (its own DbContext and upload
/// handler), so one file's database round trips and commit overlap another's parsing. A member's files always
/// go to the same lane, in archive order, so which of two identical files counts as the duplicate stays
/// deterministic. Each lane's queue is small and bounded, which bounds the memory of entries in flight.
/// </summary>
public sealed class ImportLanes : IAsyncDisposable
{
    // A member's files sit together in an archive; a queue long enough for a member's season lets the producer
    // move on to the next member (and lane) while this one's files are still being stored.
    private const int QueueLength = 128;

    private readonly Channel<Work>[] _queues;
    private readonly Task[] _lanes;
    private readonly CancellationTokenSource _stop;

    public ImportLanes(IServiceScopeFactory scopes, RunProgress progress, CancelWatch cancel, int count, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _queues = [.. Enumerable.Range(0, Math.Max(count, 1)).Select(_ => Channel.CreateBounded<Work>(QueueLength))];
        _lanes = [.. _queues.Select(queue => Task.Run(() => RunLaneAsync(scopes, queue.Reader, progress, cancel, _stop.Token), CancellationToken.None))];
    }

    public async Task DispatchAsync(Guid runnerId, int ordinal, string path, byte[] content)
    {
        Channel<Work> queue = _queues[(int)((uint)runnerId.GetHashCode() % (uint)_queues.Length)];
        try
        {
            await queue.Writer.WriteAsync(new Work(runnerId, ordinal, path, content), _stop.Token);
        }
        catch (OperationCanceledException) when (_lanes.Any(lane => lane.IsFaulted))
        {
            await Task.WhenAll(_lanes); // surface the lane's own failure rather than the cancellation it caused
            throw;
        }
    }

    /// <summary>Lets the lanes finish what they were given, and rethrows the first lane failure.</summary>
    public async Task DrainAsync()
    {
        foreach (Channel<Work> queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_lanes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (Channel<Work> queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_lanes);
        }
        catch (Exception)
        {
            // Already surfaced by DrainAsync or DispatchAsync, or the run is being abandoned.
        }

        _stop.Dispose();
    }

    private async Task RunLaneAsync(IServiceScopeFactory scopes, ChannelReader<Work> queue, RunProgress progress, CancelWatch cancel, CancellationToken cancellationToken)
    {
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            ImportEntryWriter writer = scope.ServiceProvider.GetRequiredService<ImportEntryWriter>();
            RunRecoveryDb db = scope.ServiceProvider.GetRequiredService<RunRecoveryDb>();
            await foreach (Work work in queue.ReadAllAsync(cancellationToken))
            {
                if (await cancel.IsCancelledAsync(db, cancellationToken))
                {
                    continue; // no new file is started once a cancel is seen
                }

                await writer.IngestAsync(progress, work.Ordinal, work.Path, work.RunnerId, work.Content, cancellationToken);
            }
        }
        catch
        {
            await _stop.CancelAsync(); // stop the producer and the other lanes: this run ends here
            throw;
        }
    }

    private sealed record Work(Guid RunnerId, int Ordinal, string Path, byte[] Content);
}
