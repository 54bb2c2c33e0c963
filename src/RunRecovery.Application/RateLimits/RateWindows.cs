using System.Collections.Concurrent;

namespace RunRecovery.Application.RateLimits;

/// <summary>
/// Fixed-window counters by partition ("limit name:runner id"), one process's memory (each API instance counts its
/// own requests; docs/api.md). A window opens at the partition's first request and lasts the rule's window. Time is
/// the system's monotonic clock: a limit is about elapsed time, not the business clock tests may stop.
/// </summary>
public sealed class RateWindows
{
    private const int PruneEvery = 4096;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = TimeProvider.System;
    private int _takes;

    /// <summary>Takes one permit if one is left; says how many remain and when the window ends either way.</summary>
    public RateDecision Take(string partition, RateLimitRule rule)
    {
        long now = _clock.GetTimestamp();
        if (Interlocked.Increment(ref _takes) % PruneEvery == 0)
        {
            Prune(now);
        }

        Window window = _windows.GetOrAdd(partition, _ => new Window());
        lock (window)
        {
            if (window.Used == 0 || _clock.GetElapsedTime(window.Start, now) >= rule.Window)
            {
                window.Start = now;
                window.Used = 0;
                window.Length = rule.Window;
            }

            bool allowed = window.Used < rule.Permits;
            if (allowed)
            {
                window.Used++;
            }

            TimeSpan reset = rule.Window - _clock.GetElapsedTime(window.Start, now);
            return new RateDecision(allowed, rule.Permits, rule.Permits - window.Used, reset < TimeSpan.Zero ? TimeSpan.Zero : reset);
        }
    }

    private void Prune(long now)
    {
        foreach ((string key, Window window) in _windows)
        {
            lock (window)
            {
                if (_clock.GetElapsedTime(window.Start, now) >= window.Length)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Window
    {
        public long Start { get; set; }

        public int Used { get; set; }

        public TimeSpan Length { get; set; }
    }
}

/// <param name="Reset">Until the window ends (and the limit is whole again).</param>
public readonly record struct RateDecision(bool Allowed, int Limit, int Remaining, TimeSpan Reset)
{
    public int ResetSeconds => (int)Math.Ceiling(Reset.TotalSeconds);
}
