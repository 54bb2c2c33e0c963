using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// hr messages (132) as straps that store beats write them (swims, triathlons): each message pairs filtered_bpm
/// values with event_timestamps (a uint32 array, or 12-bit components accumulated across messages). A message
/// with a timestamp anchors event time to clock time. The beats are then averaged into the records between
/// consecutive record times, filling records that have no heart rate of their own.
/// </summary>
internal sealed class HeartRateMessages
{
    /// <summary>More beats than 4 per kept sample cannot be merged anyway; the cap bounds memory.</summary>
    public const int MaxBeats = 4 * FitActivityBuilder.MaxSamples;

    private readonly List<(double Time, int Bpm)> _beats = [];
    private double? _anchorTime;
    private double _anchorEvent;
    private uint _lastEventRaw;

    public bool HasBeats => _beats.Count > 0;

    public void Add(in FitMessage message)
    {
        Span<double> events = stackalloc double[256];
        int eventCount = ReadEventTimestamps(message, events);
        if (message.Timestamp is uint timestamp && eventCount > 0)
        {
            double fraction = (message.GetDouble(FitProfile.HrFields.FractionalTimestamp.Number) is double f
                ? f / FitProfile.HrFields.FractionalTimestamp.Scale
                : message.GetDouble(FitProfile.HrFields.Time256.Number) is double t ? t / FitProfile.HrFields.Time256.Scale : 0);
            _anchorTime = timestamp + fraction;
            _anchorEvent = events[0];
        }

        if (_anchorTime is not double anchor || !message.TryGetField(FitProfile.HrFields.FilteredBpm.Number, out FitFieldDefinition bpmField))
        {
            return;
        }

        ReadOnlySpan<byte> bpm = message.FieldBytes(bpmField);
        for (int i = 0; i < Math.Min(eventCount, bpm.Length) && _beats.Count < MaxBeats; i++)
        {
            if (bpm[i] is not (0xFF or 0))
            {
                _beats.Add((anchor + (events[i] - _anchorEvent), bpm[i]));
            }
        }
    }

    /// <summary>Fills the heart rate of samples that have none; returns how many were filled.</summary>
    public int MergeInto(SampleList samples)
    {
        if (_beats.Count == 0)
        {
            return 0;
        }

        int filled = 0;
        int beat = 0;
        double? rangeStart = null;
        double previousEnd = double.NaN;
        int? previousMerged = null;
        for (int i = 0; i < samples.Count; i++)
        {
            ActivitySample sample = samples[i];
            double rangeEnd = (sample.Time - FitProfile.Epoch).TotalSeconds;
            if (rangeEnd == previousEnd && previousMerged is int same)
            {
                // A record with the same time as the one before gets the same average.
                if (sample.HeartRateBpm is null)
                {
                    samples.Set(i, sample with { HeartRateBpm = same });
                    filled++;
                }

                continue;
            }

            previousEnd = rangeEnd;
            previousMerged = null;
            rangeStart ??= rangeEnd - 1;
            double sum = 0;
            int count = 0;
            while (beat < _beats.Count)
            {
                double t = _beats[beat].Time;
                if (t > rangeStart && t <= rangeEnd)
                {
                    sum += _beats[beat].Bpm;
                    count++;
                    beat++;
                }
                else if (t > rangeEnd)
                {
                    break;
                }
                else
                {
                    beat++;
                }
            }

            if (count > 0)
            {
                rangeStart = rangeEnd;
                previousMerged = (int)Math.Round(sum / count);
                if (sample.HeartRateBpm is null)
                {
                    samples.Set(i, sample with { HeartRateBpm = previousMerged });
                    filled++;
                }
            }
        }

        return filled;
    }

    private int ReadEventTimestamps(in FitMessage message, Span<double> events)
    {
        int count = 0;
        bool big = message.Definition.BigEndian;
        if (message.TryGetField(FitProfile.HrFields.EventTimestamp.Number, out FitFieldDefinition full)
            && full.BaseType is FitBaseType.UInt32 or FitBaseType.UInt32z)
        {
            ReadOnlySpan<byte> bytes = message.FieldBytes(full);
            for (int i = 0; i + 4 <= bytes.Length && count < events.Length; i += 4)
            {
                if (FitBaseTypes.ReadInteger(bytes.Slice(i, 4), full.BaseType, big) is long raw)
                {
                    _lastEventRaw = (uint)raw;
                    events[count++] = _lastEventRaw / FitProfile.HrFields.EventTimestamp.Scale;
                }
            }
        }

        if (message.TryGetField(FitProfile.HrFields.EventTimestamp12.Number, out FitFieldDefinition packed))
        {
            ReadOnlySpan<byte> bytes = message.FieldBytes(packed);
            int values = bytes.Length * 8 / 12;
            for (int k = 0; k < values && count < events.Length; k++)
            {
                int bit = k * 12;
                int b = bit / 8;
                int word = bytes[b] | (b + 1 < bytes.Length ? bytes[b + 1] << 8 : 0);
                uint value = (uint)((word >> (bit % 8)) & 0xFFF);
                _lastEventRaw += (value - (_lastEventRaw & 0xFFF)) & 0xFFF;
                events[count++] = _lastEventRaw / FitProfile.HrFields.EventTimestamp.Scale;
            }
        }

        return count;
    }
}
