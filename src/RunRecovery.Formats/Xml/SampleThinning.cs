using System.Runtime.CompilerServices;
using RunRecovery.Formats.Fit.Mapping;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// Bounds the points a GPX or TCX reader keeps as FIT's records are bounded (<see cref="FitActivityBuilder.MaxSamples"/>,
/// 48 h at one a second), while the file is read: on reaching the limit every other kept point goes and from then on
/// every 2nd (4th, 8th…) point is kept, so the list never grows past the limit and the end of the file is never cut
/// off (warning <c>downsampled</c>). The kept points are always those whose ordinal (their place among the points
/// offered) is a multiple of the stride, so a reader records boundaries (segment and session starts) as ordinals
/// (<see cref="Offered"/>) and turns them into indexes with <see cref="IndexOf"/> once points may have gone.
/// </summary>
internal sealed class SampleThinning(int maxSamples = FitActivityBuilder.MaxSamples)
{
    private int _stride = 1;

    /// <summary>Points offered so far: the ordinal of the next one.</summary>
    public int Offered { get; private set; }

    /// <summary>
    /// Whether the next point goes into <paramref name="samples"/> (the caller adds it when true, and only then);
    /// when they are full, every other one is dropped first. <paramref name="samples"/>' capacity never passes the limit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call in a busy service (docs/security.md, "XML reading CPU")
    public bool Admit(List<ActivitySample> samples, WarningList warnings, string format)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(warnings);
        int ordinal = Offered++;
        if (ordinal % _stride != 0)
        {
            return false;
        }

        if (samples.Count >= maxSamples)
        {
            Halve(samples);
            if (_stride == 2)
            {
                warnings.Add(
                    "downsampled",
                    $"{format}: the file holds more than {maxSamples} points (48 hours at one a second); they are thinned evenly to at most that many samples.");
            }

            if (ordinal % _stride != 0)
            {
                return false;
            }
        }

        if (samples.Count == samples.Capacity && samples.Capacity < maxSamples)
        {
            samples.Capacity = Math.Min(Math.Max(2 * samples.Capacity, 16), maxSamples);
        }

        return true;
    }

    /// <summary>The index in the kept list of the point with <paramref name="ordinal"/>, or of the next kept one after it (the kept points before it).</summary>
    public int IndexOf(int ordinal) => (int)((ordinal + (long)_stride - 1) / _stride);

    /// <summary>Boundaries recorded as ordinals, as indexes into the kept points.</summary>
    public List<int> Indexes(List<int> ordinals) => [.. ordinals.Select(IndexOf)];

    /// <summary>A session whose first sample and count were recorded as ordinals, with indexes into the kept points.</summary>
    public ActivitySession Resolve(ActivitySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        int first = IndexOf(session.FirstSampleIndex);
        return session with { FirstSampleIndex = first, SampleCount = IndexOf(session.FirstSampleIndex + session.SampleCount) - first };
    }

    private void Halve(List<ActivitySample> samples)
    {
        int write = 0;
        for (int read = 0; read < samples.Count; read += 2)
        {
            samples[write++] = samples[read];
        }

        samples.RemoveRange(write, samples.Count - write);
        _stride *= 2;
    }
}
