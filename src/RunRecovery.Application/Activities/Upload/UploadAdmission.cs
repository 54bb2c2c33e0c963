using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Errors;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>
/// Bounds the uploads this process works on at once (<see cref="UploadOptions.MaxInFlightUploads"/>), taken before
/// the body is read, and sheds load past the knee with 429 and <c>Retry-After</c> (code <c>busy</c>, limit
/// <c>uploads-in-flight</c>) without touching the database, instead of queueing for a pooled connection for seconds
/// and ending in 503 (docs/reliability.md, "Soak and capacity"). Taken by <see cref="UseUploadAdmission"/> before
/// authentication: the API key lookup is a database query too.
/// <para>
/// An upload that finds every place taken waits in line (first come, first served) for at most
/// <see cref="UploadOptions.AdmissionWait"/>, so a short stall (a GC pause, the thread pool growing at a step's
/// start) is absorbed instead of refused. The line is watched as CoDel watches a router's queue (Nichols and Jacobson,
/// "Controlling Queue Delay", ACM Queue 2012): when every upload that left the line for an
/// <see cref="UploadOptions.AdmissionInterval"/> had waited longer than <see cref="UploadOptions.AdmissionTarget"/>
/// (the queue is standing, not a burst draining), the admission sheds: an upload that finds no free place is refused
/// at once, until a quarter of an interval passes without a refusal. So a burst costs a short wait, and a load past the knee is
/// refused early and cheaply; the place is given back when the request ends, so the service takes uploads again as
/// soon as the load drops. Time is the injected <see cref="TimeProvider"/>'s (timestamps and timers).
/// </para>
/// </summary>
public sealed partial class UploadAdmission : IDisposable
{
    /// <summary>Endpoint metadata: requests to this endpoint take a place before anything else touches them.</summary>
    public static readonly object Required = new AdmissionRequired();

    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _line = new();
    private readonly TimeProvider _clock;
    private readonly TimeSpan _wait;
    private readonly TimeSpan _target;
    private readonly TimeSpan _interval;
    private int _free;
    private long? _aboveSince;
    private bool _shedding;
    private long _lastRefusal;
    private long _refused;
    private long _refusedAtOnce;
    private long _lastActivity = long.MinValue; // the clock's timestamp of the last entry or release; MinValue: none yet

    public UploadAdmission(IOptions<UploadOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        UploadOptions limits = options.Value;
        Places = limits.MaxInFlightUploads > 0 ? limits.MaxInFlightUploads : int.MaxValue;
        _free = Places;
        _clock = clock;
        _wait = limits.AdmissionWait;
        _target = limits.AdmissionTarget;
        _interval = limits.AdmissionInterval;
    }

    /// <summary>
    /// How long without a refusal ends the shedding (once an upload then finds a free place): a quarter of
    /// <see cref="UploadOptions.AdmissionInterval"/>, 500 ms by default. A named assumption: past the knee (600/s offered
    /// against ~500/s stored) about 50 uploads are refused in that time, so the shedding goes on; below it (400/s), the
    /// refusals after a GC pause came in bursts about a second apart, and a whole interval without one never came, so
    /// an exit after a whole interval kept the admission shedding through a step it could hold (docs/reliability.md,
    /// "Capacity, sixth pass", run 5).
    /// </summary>
    private TimeSpan Calm => _interval / 4;

    /// <summary>Uploads worked on at once; <see cref="int.MaxValue"/> when the limit is off.</summary>
    public int Places { get; }

    /// <summary>Uploads holding a place now.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return Places == int.MaxValue ? 0 : Places - _free;
            }
        }
    }

    /// <summary>Uploads waiting in line for a place now.</summary>
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

    /// <summary>Whether the line is standing and an upload that finds no free place is refused at once.</summary>
    public bool Shedding
    {
        get
        {
            lock (_lock)
            {
                return _shedding;
            }
        }
    }

    /// <summary>Uploads answered 429 by this admission since the process started.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Of <see cref="Refused"/>, those refused at once (while shedding, or with no wait configured).</summary>
    public long RefusedAtOnce => Interlocked.Read(ref _refusedAtOnce);

    /// <summary>
    /// How long ago this process last worked on an upload: zero while one holds a place, else the time since the last
    /// upload arrived or ended (<see cref="TimeSpan.MaxValue"/> before the first). The scoring lane reads it
    /// (<c>ScoringLane</c>): scoring gives way while uploads come in.
    /// </summary>
    public TimeSpan SinceLastUpload
    {
        get
        {
            if (InFlight > 0)
            {
                return TimeSpan.Zero;
            }

            long last = Interlocked.Read(ref _lastActivity);
            return last == long.MinValue ? TimeSpan.MaxValue : _clock.GetElapsedTime(last);
        }
    }

    /// <summary>A place for one upload request, given back on dispose.</summary>
    /// <exception cref="ServiceBusyException">No place: the admission is shedding, or none came free within <see cref="UploadOptions.AdmissionWait"/>.</exception>
    public ValueTask<Place> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastActivity, _clock.GetTimestamp());
        if (Places == int.MaxValue)
        {
            return default;
        }

        Waiter waiter;
        lock (_lock)
        {
            long now = _clock.GetTimestamp();
            if (_free > 0)
            {
                // A free place means nobody is in line (a released place goes to the line first).
                _free--;
                if (_shedding && _clock.GetElapsedTime(_lastRefusal, now) >= Calm)
                {
                    _shedding = false; // a free place after a calm without a refusal: the load is below the knee again
                }

                if (!_shedding)
                {
                    _aboveSince = null; // taken at once: no wait above the target
                }

                return new ValueTask<Place>(new Place(this));
            }

            if (!_shedding && _aboveSince is { } since && _clock.GetElapsedTime(since, now) >= _interval)
            {
                _shedding = true; // every wait ended in the last interval was above the target: a standing line
            }

            if (_shedding || _wait <= TimeSpan.Zero)
            {
                _lastRefusal = now;
                Interlocked.Increment(ref _refusedAtOnce);
                return ValueTask.FromException<Place>(Refuse());
            }

            waiter = new Waiter(this, now);
            waiter.Node = _line.AddLast(waiter);
            waiter.Timer = _clock.CreateTimer(static state => ((Waiter)state!).TimeOut(), waiter, _wait, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Cancel(token), waiter);
        }

        return new ValueTask<Place>(waiter.Task);
    }

    public void Dispose()
    {
        List<Waiter> left;
        lock (_lock)
        {
            left = [.. _line];
            _line.Clear();
        }

        foreach (Waiter waiter in left)
        {
            waiter.End(() => waiter.Completion.TrySetException(new ObjectDisposedException(nameof(UploadAdmission))));
        }
    }

    /// <summary>
    /// Before UseAuthentication: a request to an endpoint marked <see cref="Required"/> takes a place (or is refused
    /// with 429) and holds it until the response is written.
    /// </summary>
    public static IApplicationBuilder UseUploadAdmission(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AdmissionRequired>() is null)
        {
            await next(context);
            return;
        }

        using Place place = await context.RequestServices.GetRequiredService<UploadAdmission>().EnterAsync(context.RequestAborted);
        await next(context);
    });

    private ServiceBusyException Refuse()
    {
        Interlocked.Increment(ref _refused);
        return new ServiceBusyException(
            $"The service is working on {Places} uploads at once, as many as it takes; try again in a second.")
        {
            RetryAfterSeconds = 1,
            Limit = ServiceBusyException.UploadsInFlight,
        };
    }

    /// <summary>A wait ended at <paramref name="now"/> (a place, or the timeout): CoDel's record of waits above the target.</summary>
    private void WaitEnded(Waiter waiter, long now)
    {
        if (_clock.GetElapsedTime(waiter.Since, now) < _target)
        {
            _aboveSince = null;
        }
        else
        {
            // Above the target since the moment this wait passed it (the earliest such moment of the current run).
            _aboveSince ??= waiter.Since + (long)(_target.TotalSeconds * _clock.TimestampFrequency);
        }
    }

    private void Release()
    {
        Interlocked.Exchange(ref _lastActivity, _clock.GetTimestamp());
        Waiter? next = null;
        lock (_lock)
        {
            if (_line.First is { } first)
            {
                next = first.Value;
                _line.RemoveFirst();
                next.Node = null;
                WaitEnded(next, _clock.GetTimestamp());
            }
            else
            {
                _free++;
            }
        }

        next?.End(() => next.Completion.TrySetResult(new Place(this)));
    }

    private sealed class AdmissionRequired;

    /// <summary>Gives the place back when disposed (nothing for the default value, the limit being off).</summary>
    public readonly struct Place : IDisposable
    {
        private readonly UploadAdmission? _owner;

        internal Place(UploadAdmission owner) => _owner = owner;

        public void Dispose() => _owner?.Release();
    }
}
