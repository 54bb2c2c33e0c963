using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Activities.Upload;
using RunRecovery.Application.Errors;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>
/// The admission's rule on a clock the test moves (issue 18 point 3): a burst shorter than <c>AdmissionWait</c> waits
/// in line and is taken in arrival order, a wait past it is refused, and once every wait stayed above
/// <c>AdmissionTarget</c> for <c>AdmissionInterval</c> the admission refuses at once until a quarter of an interval
/// passes without a refusal. No real time passes: the waits and timeouts are the clock's.
/// </summary>
public sealed class UploadAdmissionRuleTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static UploadAdmission Admission(ManualClock clock, int places, TimeSpan? wait = null) => new(
        Options.Create(new UploadOptions { MaxInFlightUploads = places, AdmissionWait = wait ?? Wait, AdmissionTarget = Target, AdmissionInterval = Interval }),
        clock);

    [Fact]
    public async Task A_burst_shorter_than_the_wait_waits_in_line_and_is_taken_in_arrival_order()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 2);
        UploadAdmission.Place first = await admission.EnterAsync(Cancel);
        UploadAdmission.Place second = await admission.EnterAsync(Cancel);
        ValueTask<UploadAdmission.Place> third = admission.EnterAsync(Cancel);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        ValueTask<UploadAdmission.Place> fourth = admission.EnterAsync(Cancel);

        // A stall of 450 ms (a GC pause, the thread pool growing): under the old 100 ms wait both were refused.
        clock.Advance(TimeSpan.FromMilliseconds(350));
        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, admission.Waiting);

        first.Dispose();
        UploadAdmission.Place thirdPlace = await third; // the first in line gets the place, not the newer one
        Assert.False(fourth.IsCompleted);
        second.Dispose();
        UploadAdmission.Place fourthPlace = await fourth;

        Assert.Equal(0, admission.Refused);
        Assert.Equal(2, admission.InFlight);
        thirdPlace.Dispose();
        fourthPlace.Dispose();
        Assert.Equal(0, admission.InFlight);
        Assert.False(admission.Shedding);
    }

    [Fact]
    public async Task A_wait_past_the_admission_wait_is_refused_with_busy_and_a_retry_after()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 1);
        UploadAdmission.Place held = await admission.EnterAsync(Cancel);
        ValueTask<UploadAdmission.Place> waiting = admission.EnterAsync(Cancel);

        clock.Advance(Wait - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        ServiceBusyException busy = await Assert.ThrowsAsync<ServiceBusyException>(async () => await waiting);
        Assert.Equal(("busy", ServiceBusyException.UploadsInFlight, 1), (busy.Code, busy.Limit, busy.RetryAfterSeconds));
        Assert.Equal((1, 0), (admission.Refused, admission.RefusedAtOnce));

        // The refused upload took no place: the held one gives its place back and the next is taken at once.
        held.Dispose();
        Assert.Equal(0, admission.InFlight);
        using UploadAdmission.Place next = await admission.EnterAsync(Cancel);
        Assert.Equal(1, admission.InFlight);
    }

    [Fact]
    public async Task A_line_standing_above_the_target_for_an_interval_is_shed_at_once_and_the_admission_recovers_when_the_load_drops()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 1);
        UploadAdmission.Place held = await admission.EnterAsync(Cancel);

        // Past the knee: an upload every 100 ms, none of them getting the place. Each waits the whole 500 ms; for the
        // first 2 s after the first wait passed the 100 ms target they are refused only after that wait.
        var line = new List<Task<UploadAdmission.Place>>();
        TimeSpan elapsed = TimeSpan.Zero;
        while (elapsed < Target + Interval - TimeSpan.FromMilliseconds(100))
        {
            line.Add(admission.EnterAsync(Cancel).AsTask());
            Assert.False(line[^1].IsCompleted, $"refused at once after {elapsed.TotalMilliseconds} ms, before the line stood an interval");
            clock.Advance(TimeSpan.FromMilliseconds(100));
            elapsed += TimeSpan.FromMilliseconds(100);
        }

        Assert.False(admission.Shedding);
        Assert.Equal(0, admission.RefusedAtOnce);
        clock.Advance(TimeSpan.FromMilliseconds(100)); // the first wait passed the target 2 s ago

        // Now the line stands: an upload that finds no free place is refused at once, with no wait.
        ValueTask<UploadAdmission.Place> shed = admission.EnterAsync(Cancel);
        Assert.True(shed.IsFaulted);
        ServiceBusyException busy = await Assert.ThrowsAsync<ServiceBusyException>(async () => await shed);
        Assert.Equal(ServiceBusyException.UploadsInFlight, busy.Limit);
        Assert.True(admission.Shedding);
        Assert.Equal(1, admission.RefusedAtOnce);

        // The uploads that entered the line before it stood keep their own wait and are refused when it ends.
        clock.Advance(Wait);
        foreach (Task<UploadAdmission.Place> waiting in line)
        {
            await Assert.ThrowsAsync<ServiceBusyException>(() => waiting);
        }

        // Still past the knee: a free place is taken at once, but the admission keeps shedding while refusals go on.
        held.Dispose();
        UploadAdmission.Place taken = await admission.EnterAsync(Cancel);
        Assert.True(admission.Shedding);
        ValueTask<UploadAdmission.Place> stillShed = admission.EnterAsync(Cancel);
        Assert.True(stillShed.IsFaulted);
        await Assert.ThrowsAsync<ServiceBusyException>(async () => await stillShed);
        taken.Dispose();

        // The load drops: a quarter of an interval (500 ms) without a refusal, then an upload finds a free place and
        // shedding stops, so the next upload that finds every place taken waits in line again. Before that, a free
        // place is taken but the admission still sheds.
        clock.Advance((Interval / 4) - TimeSpan.FromMilliseconds(1));
        (await admission.EnterAsync(Cancel)).Dispose();
        Assert.True(admission.Shedding);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        UploadAdmission.Place recovered = await admission.EnterAsync(Cancel);
        Assert.False(admission.Shedding);
        ValueTask<UploadAdmission.Place> waitsAgain = admission.EnterAsync(Cancel);
        Assert.False(waitsAgain.IsCompleted);
        recovered.Dispose();
        (await waitsAgain).Dispose();
    }

    [Fact]
    public async Task Waits_under_the_target_never_shed_however_long_the_line_stays_busy()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 1);
        UploadAdmission.Place held = await admission.EnterAsync(Cancel);

        // Ten seconds at the knee: there is always someone in line, but nobody waits longer than 50 ms.
        for (int i = 0; i < 200; i++)
        {
            ValueTask<UploadAdmission.Place> next = admission.EnterAsync(Cancel);
            Assert.False(next.IsCompleted);
            clock.Advance(TimeSpan.FromMilliseconds(50));
            held.Dispose();
            held = await next;
        }

        Assert.False(admission.Shedding);
        Assert.Equal(0, admission.Refused);
        held.Dispose();
    }

    [Fact]
    public async Task A_wait_of_zero_refuses_at_once_whenever_every_place_is_taken()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 1, wait: TimeSpan.Zero);
        using UploadAdmission.Place held = await admission.EnterAsync(Cancel);

        ValueTask<UploadAdmission.Place> refused = admission.EnterAsync(Cancel);
        Assert.True(refused.IsFaulted);
        await Assert.ThrowsAsync<ServiceBusyException>(async () => await refused);
        Assert.Equal((1, 1), (admission.Refused, admission.RefusedAtOnce));
    }

    [Fact]
    public async Task A_request_that_goes_away_while_in_line_leaves_it_and_takes_no_place()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 1);
        UploadAdmission.Place held = await admission.EnterAsync(Cancel);
        using var aborted = new CancellationTokenSource();
        ValueTask<UploadAdmission.Place> waiting = admission.EnterAsync(aborted.Token);

        await aborted.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        Assert.Equal(0, admission.Waiting);
        Assert.Equal(0, admission.Refused);

        held.Dispose();
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task With_the_limit_off_every_upload_is_taken()
    {
        var clock = new ManualClock();
        using UploadAdmission admission = Admission(clock, places: 0);
        for (int i = 0; i < 100; i++)
        {
            (await admission.EnterAsync(Cancel)).Dispose();
        }

        Assert.Equal((0, 0L), (admission.InFlight, admission.Refused));
    }
}

/// <summary>A <see cref="TimeProvider"/> whose timestamps and timers move only when <see cref="Advance"/> is called.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock on, firing each timer due on the way at its own time, in order.</summary>
    public void Advance(TimeSpan by)
    {
        long end;
        lock (_lock)
        {
            end = _now + by.Ticks;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = _timers.Where(t => t.Due <= end).MinBy(t => t.Due);
                if (due is null)
                {
                    _now = end;
                    return;
                }

                _now = Math.Max(_now, due.Due);
                _timers.Remove(due);
            }

            due.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan)
            {
                throw new NotSupportedException("One-shot timers only.");
            }

            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime.Ticks;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
