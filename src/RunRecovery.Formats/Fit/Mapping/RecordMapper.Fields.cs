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
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    private ActivitySample ReadSample(RecordPlan plan, ReadOnlySpan<byte> p, DateTimeOffset time)
    {
        SampleFields present = 0;
        double latitude = 0;
        double longitude = 0;
        if (plan.Latitude.TryRead(p, out long lat) && plan.Longitude.TryRead(p, out long lon))
        {
            latitude = lat * FitProfile.DegreesPerSemicircle;
            longitude = lon * FitProfile.DegreesPerSemicircle;
            present = SampleFields.Position;
        }

        double altitude = 0;
        if (plan.EnhancedAltitude.TryRead(p, out long rawAltitude) || plan.Altitude.TryRead(p, out rawAltitude))
        {
            altitude = (rawAltitude / AltitudeScale) - AltitudeOffset;
            present |= SampleFields.Altitude;
        }

        double speed = 0;
        if (plan.EnhancedSpeed.TryRead(p, out long rawSpeed) || plan.Speed.TryRead(p, out rawSpeed))
        {
            speed = rawSpeed / SpeedScale;
            present |= SampleFields.Speed;
        }

        double distance = 0;
        if (plan.Distance.TryRead(p, out long rawDistance))
        {
            distance = rawDistance / DistanceScale;
            present |= SampleFields.Distance;
        }

        if (plan.CompressedSpeedDistance.Present)
        {
            ReadCompressedSpeedDistance(plan.CompressedSpeedDistance.Bytes(p), ref speed, ref distance, ref present);
        }

        if (plan.HeartRate.TryReadCount(p, out int heartRate))
        {
            present |= SampleFields.HeartRate;
        }

        double cadence = 0;
        if (plan.Cadence.TryRead(p, out long rawCadence))
        {
            cadence = plan.FractionalCadence.TryRead(p, out long fraction)
                ? rawCadence + (fraction / FractionalCadenceScale)
                : rawCadence;
            present |= SampleFields.Cadence;
        }

        if (plan.Power.TryReadCount(p, out int power))
        {
            present |= SampleFields.Power;
        }

        double temperature = 0;
        if (plan.Temperature.TryRead(p, out long rawTemperature))
        {
            temperature = rawTemperature;
            present |= SampleFields.Temperature;
        }

        return new ActivitySample(time, latitude, longitude, altitude, distance, speed, heartRate, cadence, power, temperature, present);
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
}
