using Microsoft.Extensions.Options;
using RunRecovery.Application.Errors;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// Bounds how many activity files are parsed at once in this process (uploads, club imports, the stored file read
/// again for samples and splits): parsing is CPU-bound and holds the file's samples in memory, so more parses than
/// cores only add memory, never throughput. <see cref="UploadOptions.ParseConcurrency"/> slots (default: the
/// processor count). A request waits at most <see cref="UploadOptions.ParseWait"/> for one, then is refused with
/// <see cref="ServiceBusyException"/> (429 with Retry-After); a background import waits as long as it takes.
/// </summary>
public sealed class ParseGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _wait;

    public ParseGate(IOptions<UploadOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Slots = options.Value.ParseConcurrency > 0 ? options.Value.ParseConcurrency : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Slots, Slots);
        _wait = options.Value.ParseWait;
    }

    public int Slots { get; }

    /// <summary>A slot for a request: waits up to <see cref="UploadOptions.ParseWait"/>, else 429.</summary>
    /// <exception cref="ServiceBusyException">Every slot stayed taken for the whole wait.</exception>
    public async Task<Slot> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(_wait, cancellationToken))
        {
            throw new ServiceBusyException(
                $"The service is reading {Slots} activity files at once, as many as this machine allows; try again in a few seconds.")
            {
                RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(_wait.TotalSeconds)),
                Limit = ServiceBusyException.ParseSlots,
            };
        }

        return new Slot(_slots);
    }

    /// <summary>A slot for background work: waits until one is free.</summary>
    public async Task<Slot> WaitAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>Gives the slot back when disposed.</summary>
    public readonly struct Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
