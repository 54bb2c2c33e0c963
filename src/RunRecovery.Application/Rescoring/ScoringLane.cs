using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities.Upload;

namespace RunRecovery.Application.Rescoring;

/// <summary>
/// Scoring gives way to uploads in a process that does both (role <c>all</c>): while the process works on uploads
/// (<see cref="UploadAdmission.SinceLastUpload"/> under <see cref="ScoringOptions.UploadQuiet"/>), at most
/// <see cref="ScoringOptions.JobsWhileUploading"/> scoring jobs recompute at once; the others wait, first come first
/// served, until one ends or the uploads have been quiet that long. A process that takes no uploads (role
/// <c>worker</c>) never waits. Waiting costs nothing a runner sees: a change made meanwhile finds the waiting job's
/// request still pending and joins it, so one recompute covers it (<see cref="ScoringQueue"/>). Why: with four
/// recomputes beside the uploads on 2 cores, each upload waited for the CPU they took (docs/reliability.md, "Scoring
/// gives way to uploads"). Time is the injected <see cref="TimeProvider"/>'s.
/// </summary>
public sealed class ScoringLane : IDisposable
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<Pass>> _line = new();
    private readonly UploadAdmission _uploads;
    private readonly TimeProvider _clock;
    private readonly int _width;
    private readonly TimeSpan _quiet;
    private ITimer? _timer;
    private int _running;
    private long _waited;

    public ScoringLane(UploadAdmission uploads, IOptions<ScoringOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _uploads = uploads;
        _clock = clock;
        _width = options.Value.JobsWhileUploading;
        _quiet = options.Value.UploadQuiet;
    }

    /// <summary>Scoring jobs recomputing now (holding a pass).</summary>
    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    /// <summary>Scoring jobs waiting for a pass now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _line.Count;
            }
        }
    }

    /// <summary>Scoring jobs that had to wait for a pass since the process started.</summary>
    public long Waited => Interlocked.Read(ref _waited);

    /// <summary>A pass for one scoring job, given back on dispose; at once unless uploads are coming in and the lane is full.</summary>
    public ValueTask<Pass> EnterAsync(CancellationToken cancellationToken)
    {
        if (_width <= 0)
        {
            return default;
        }

        TaskCompletionSource<Pass> waiter;
        LinkedListNode<TaskCompletionSource<Pass>> node;
        lock (_lock)
        {
            if (_line.Count == 0 && (_running < _width || !Uploading()))
            {
                _running++;
                return new ValueTask<Pass>(new Pass(this));
            }

            waiter = new TaskCompletionSource<Pass>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _line.AddLast(waiter);
            Interlocked.Increment(ref _waited);
            ArmTimer();
        }

        if (cancellationToken.CanBeCanceled)
        {
            CancellationTokenRegistration registration = cancellationToken.UnsafeRegister(
                (_, token) =>
                {
                    lock (_lock)
                    {
                        if (node.List is null)
                        {
                            return; // given a pass first
                        }

                        _line.Remove(node);
                    }

                    waiter.TrySetCanceled(token);
                },
                null);
            waiter.Task.ContinueWith(_ => registration.Unregister(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return new ValueTask<Pass>(waiter.Task);
    }

    public void Dispose()
    {
        List<TaskCompletionSource<Pass>> left;
        lock (_lock)
        {
            left = [.. _line];
            _line.Clear();
            _timer?.Dispose();
            _timer = null;
        }

        left.ForEach(waiter => waiter.TrySetException(new ObjectDisposedException(nameof(ScoringLane))));
    }

    private bool Uploading() => _uploads.SinceLastUpload < _quiet;

    /// <summary>Under the lock: passes for those in line while there is room (or the uploads stopped); a timer while some still wait.</summary>
    private List<TaskCompletionSource<Pass>> Admit()
    {
        var admitted = new List<TaskCompletionSource<Pass>>();
        while (_line.First is { } first && (_running < _width || !Uploading()))
        {
            _line.RemoveFirst();
            _running++;
            admitted.Add(first.Value);
        }

        if (_line.Count > 0)
        {
            ArmTimer();
        }

        return admitted;
    }

    /// <summary>Under the lock: looks again when the uploads could have gone quiet (at the earliest a quarter of the quiet time from now).</summary>
    private void ArmTimer()
    {
        if (_timer is not null)
        {
            return;
        }

        TimeSpan since = _uploads.SinceLastUpload;
        TimeSpan left = since >= _quiet ? TimeSpan.Zero : _quiet - since;
        _timer = _clock.CreateTimer(static state => ((ScoringLane)state!).Recheck(), this, left < _quiet / 4 ? _quiet / 4 : left, Timeout.InfiniteTimeSpan);
    }

    private void Recheck()
    {
        List<TaskCompletionSource<Pass>> admitted;
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
            admitted = Admit();
        }

        Hand(admitted);
    }

    private void Release()
    {
        List<TaskCompletionSource<Pass>> admitted;
        lock (_lock)
        {
            _running--;
            admitted = Admit();
        }

        Hand(admitted);
    }

    /// <summary>Outside the lock: a waiter cancelled meanwhile gives its pass straight back.</summary>
    private void Hand(List<TaskCompletionSource<Pass>> admitted)
    {
        foreach (TaskCompletionSource<Pass> waiter in admitted)
        {
            if (!waiter.TrySetResult(new Pass(this)))
            {
                Release();
            }
        }
    }

    /// <summary>Gives the pass back when disposed (nothing for the default value, the lane being off).</summary>
    public readonly struct Pass : IDisposable
    {
        private readonly ScoringLane? _owner;

        internal Pass(ScoringLane owner) => _owner = owner;

        public void Dispose() => _owner?.Release();
    }
}
