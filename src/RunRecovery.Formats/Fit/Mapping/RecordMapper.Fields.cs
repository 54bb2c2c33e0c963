using System.Runtime.CompilerServices;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;
using SampleFields = RunRecovery.Formats.Model.ActivitySample.SampleFields;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>RecordMapper's field reading: one record's values, by the definition's plan, into a compact sample.</summary>
internal sealed partial class RecordMapper
{
    /// <summary>
    /// One record's values straight into a sample: plain numbers and presence bits, no nullable in between
    /// (issue 18). The arithmetic is the profile's (raw / scale − offset), so every value is what it was.
    /// <typeparamref name="TSlots"/> is <see cref="FastSlots"/> for a plan whose slots all read the fast way
    /// (<see cref="RecordPlan.AllFast"/>; compiled with no type test and no call) and <see cref="AnySlots"/> otherwise.
    /// </summary>
    /// <returns>False when the record holds no value besides its time (the sample is then empty).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private bool ReadSample<TSlots>(RecordPlan plan, ReadOnlySpan<byte> p, DateTimeOffset time, ref ActivitySample destination)
        where TSlots : struct, ISlotReader
    {
        SampleFields present = 0;
        double latitude = 0;
        double longitude = 0;
        if (TSlots.TryRead(plan.Latitude, p, out long lat) && TSlots.TryRead(plan.Longitude, p, out long lon))
        {
            latitude = lat * FitProfile.DegreesPerSemicircle;
            longitude = lon * FitProfile.DegreesPerSemicircle;
            present = SampleFields.Position;
        }

        double altitude = 0;
        if (TSlots.TryRead(plan.EnhancedAltitude, p, out long rawAltitude) || TSlots.TryRead(plan.Altitude, p, out rawAltitude))
        {
            altitude = (rawAltitude / AltitudeScale) - AltitudeOffset;
            present |= SampleFields.Altitude;
        }

        double speed = 0;
        if (TSlots.TryRead(plan.EnhancedSpeed, p, out long rawSpeed) || TSlots.TryRead(plan.Speed, p, out rawSpeed))
        {
            speed = rawSpeed / SpeedScale;
            present |= SampleFields.Speed;
        }

        double distance = 0;
        if (TSlots.TryRead(plan.Distance, p, out long rawDistance))
        {
            distance = rawDistance / DistanceScale;
            present |= SampleFields.Distance;
        }

        if (TSlots.General && plan.CompressedSpeedDistance.Present)
        {
            ReadCompressedSpeedDistance(plan.CompressedSpeedDistance.Bytes(p), ref speed, ref distance, ref present);
        }

        int heartRate = 0;
        if (TSlots.TryRead(plan.HeartRate, p, out long rawHeartRate) && rawHeartRate is >= 0 and <= int.MaxValue)
        {
            heartRate = (int)rawHeartRate;
            present |= SampleFields.HeartRate;
        }

        double cadence = 0;
        if (TSlots.TryRead(plan.Cadence, p, out long rawCadence))
        {
            cadence = TSlots.TryRead(plan.FractionalCadence, p, out long fraction)
                ? rawCadence + (fraction / FractionalCadenceScale)
                : rawCadence;
            present |= SampleFields.Cadence;
        }

        int power = 0;
        if (TSlots.TryRead(plan.Power, p, out long rawPower) && rawPower is >= 0 and <= int.MaxValue)
        {
            power = (int)rawPower;
            present |= SampleFields.Power;
        }

        double temperature = 0;
        if (TSlots.TryRead(plan.Temperature, p, out long rawTemperature))
        {
            temperature = rawTemperature;
            present |= SampleFields.Temperature;
        }

        destination = new ActivitySample(time, latitude, longitude, altitude, distance, speed, heartRate, cadence, power, temperature, present);
        return present != 0;
    }

    /// <summary>compressed_speed_distance: 12 bits of speed, 12 bits of distance that roll over (accumulated here).</summary>
    private void ReadCompressedSpeedDistance(ReadOnlySpan<byte> c, ref double speed, ref double distance, ref SampleFields present)
    {
        if (c[0] == 0xFF && c[1] == 0xFF && c[2] == 0xFF)
        {
            return;
        }

        uint packed = (uint)(c[0] | (c[1] << 8) | (c[2] << 16));
        if ((present & SampleFields.Speed) == 0)
        {
            speed = (packed & 0xFFF) / FitProfile.RecordFields.CompressedSpeedScale;
            present |= SampleFields.Speed;
        }

        uint distanceRaw = (packed >> 12) & 0xFFF;
        _accumulatedDistanceRaw += _haveCompressedDistance ? (distanceRaw - _lastCompressedDistance) & 0xFFF : distanceRaw;
        _lastCompressedDistance = distanceRaw;
        _haveCompressedDistance = true;
        if ((present & SampleFields.Distance) == 0)
        {
            distance = _accumulatedDistanceRaw / FitProfile.RecordFields.CompressedDistanceScale;
            present |= SampleFields.Distance;
        }
    }

    /// <summary>How <see cref="ReadSample{TSlots}"/> reads a slot; a struct, so each way is compiled on its own.</summary>
    private interface ISlotReader
    {
        /// <summary>True when slots may be of any kind (and compressed speed/distance is read).</summary>
        static abstract bool General { get; }

        static abstract bool TryRead(in FieldSlot slot, ReadOnlySpan<byte> payload, out long value);
    }

    /// <summary>Slots of a plan that is <see cref="RecordPlan.AllFast"/>.</summary>
    private struct FastSlots : ISlotReader
    {
        public static bool General => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRead(in FieldSlot slot, ReadOnlySpan<byte> payload, out long value) => slot.TryReadFast(payload, out value);
    }

    /// <summary>Slots of any kind.</summary>
    private struct AnySlots : ISlotReader
    {
        public static bool General => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRead(in FieldSlot slot, ReadOnlySpan<byte> payload, out long value) => slot.TryRead(payload, out value);
    }
}
