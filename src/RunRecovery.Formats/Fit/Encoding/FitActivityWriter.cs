using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Encoding;

/// <summary>
/// Writes a <see cref="ParsedActivity"/> as a FIT activity file: file_id, user_profile, developer data ids and
/// field descriptions, timer events (start, pauses, stop), records (with developer fields), hrv, laps, sessions
/// and activity. Values are quantized to the profile's resolution (1 s, 1 semicircle, 1 cm, 1 mm/s, 0.2 m…).
/// </summary>
public static class FitActivityWriter
{
    private const byte LocalFileId = 0;
    private const byte LocalCompressedRecord = 1;
    private const byte LocalEvent = 4;
    private const byte LocalRecord = 5;
    internal const byte LocalLap = 6;
    internal const byte LocalSession = 7;
    private const byte LocalUserProfile = 8;
    private const byte LocalActivity = 9;
    private const byte LocalDeveloperDataId = 10;
    private const byte LocalFieldDescription = 11;
    private const byte LocalHrv = 12;
    private const int RrPerMessage = 5;

    public static byte[] Write(ParsedActivity activity, FitActivityWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        options ??= FitActivityWriteOptions.Default;
        bool be = options.BigEndian;
        var writer = new FitWriter(new FitWriterOptions { HeaderSize = options.HeaderSize });
        IReadOnlyList<ActivitySample> samples = activity.Samples;
        DateTimeOffset created = activity.StartUtc ?? (samples.Count > 0 ? samples[0].Time : FitProfile.Epoch);

        writer.Define(LocalFileId, FitProfile.FileId,
            [FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(1, FitBaseType.UInt16), FitFieldSpec.Of(2, FitBaseType.UInt16),
             FitFieldSpec.Of(3, FitBaseType.UInt32z), FitFieldSpec.Of(4, FitBaseType.UInt32)], bigEndian: be)
            .Write(LocalFileId, 4L, (long)options.Manufacturer, (long)options.Product, (long)options.SerialNumber, (long)FitProfile.ToFitSeconds(created));

        if (activity.UserProfile is UserProfileInfo profile)
        {
            writer.Define(LocalUserProfile, FitProfile.UserProfile,
                [FitFieldSpec.Of(1, FitBaseType.Enum), FitFieldSpec.Of(2, FitBaseType.UInt8), FitFieldSpec.Of(4, FitBaseType.UInt16),
                 FitFieldSpec.Of(8, FitBaseType.UInt8), FitFieldSpec.Of(11, FitBaseType.UInt8)], bigEndian: be)
                .Write(LocalUserProfile,
                    profile.Sex switch { "female" => 0L, "male" => 1L, _ => (long?)null },
                    (long?)profile.Age,
                    profile.WeightKg is double kg ? Math.Round(kg * 10) : FitValue.Invalid,
                    (long?)profile.RestingHeartRateBpm,
                    (long?)profile.MaxHeartRateBpm);
        }

        IReadOnlyList<DeveloperChannel> channels = activity.DeveloperChannels;
        var developerFields = new List<FitDeveloperFieldSpec>(channels.Count);
        if (channels.Count > 0)
        {
            writer.Define(LocalDeveloperDataId, FitProfile.DeveloperDataId, [FitFieldSpec.Of(3, FitBaseType.UInt8)], bigEndian: be);
            foreach (byte index in channels.Select(c => c.DeveloperDataIndex).Distinct())
            {
                writer.Write(LocalDeveloperDataId, (long)index);
            }

            writer.Define(LocalFieldDescription, FitProfile.FieldDescription,
                [FitFieldSpec.Of(0, FitBaseType.UInt8), FitFieldSpec.Of(1, FitBaseType.UInt8), FitFieldSpec.Of(2, FitBaseType.UInt8),
                 new FitFieldSpec(3, 64, FitBaseType.String), new FitFieldSpec(8, 16, FitBaseType.String)], bigEndian: be);
            var perIndex = new Dictionary<byte, byte>();
            foreach (DeveloperChannel channel in channels)
            {
                byte number = perIndex.TryGetValue(channel.DeveloperDataIndex, out byte n) ? n : (byte)0;
                perIndex[channel.DeveloperDataIndex] = (byte)(number + 1);
                writer.Write(LocalFieldDescription, (long)channel.DeveloperDataIndex, (long)number, (long)FitBaseType.Float64, channel.Name, channel.Units);
                developerFields.Add(new FitDeveloperFieldSpec(number, 8, channel.DeveloperDataIndex, FitBaseType.Float64));
            }
        }

        writer.Define(LocalEvent, FitProfile.Event,
            [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(1, FitBaseType.Enum),
             FitFieldSpec.Of(4, FitBaseType.UInt8)], bigEndian: be);
        FitFieldSpec[] recordFields =
        [
            FitFieldSpec.Of(0, FitBaseType.SInt32), FitFieldSpec.Of(1, FitBaseType.SInt32), FitFieldSpec.Of(5, FitBaseType.UInt32),
            FitFieldSpec.Of(73, FitBaseType.UInt32), FitFieldSpec.Of(78, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8),
            FitFieldSpec.Of(4, FitBaseType.UInt8), FitFieldSpec.Of(53, FitBaseType.UInt8), FitFieldSpec.Of(7, FitBaseType.UInt16),
            FitFieldSpec.Of(13, FitBaseType.SInt8),
        ];
        writer.Define(LocalRecord, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), .. recordFields], developerFields, be);
        if (options.CompressedTimestamps)
        {
            writer.Define(LocalCompressedRecord, FitProfile.Record, recordFields, developerFields, be);
        }

        var state = new FitTimestampState();
        if (options.SummaryFirst)
        {
            FitSummaryWriter.Write(writer, activity, be, state);
        }

        if (samples.Count > 0)
        {
            WriteEvent(writer, state, samples[0].Time, FitProfile.EventFields.Start);
        }

        var pauses = activity.Pauses.OrderBy(p => p.StopUtc).ToList();
        int pauseIndex = 0;
        bool pendingResume = false;
        DateTimeOffset resumeAt = default;
        var values = new FitValue[1 + recordFields.Length + developerFields.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            ActivitySample s = samples[i];
            while (true)
            {
                if (pendingResume && resumeAt <= s.Time)
                {
                    WriteEvent(writer, state, resumeAt, FitProfile.EventFields.Start);
                    pendingResume = false;
                }
                else if (!pendingResume && pauseIndex < pauses.Count && pauses[pauseIndex].StopUtc <= s.Time)
                {
                    WriteEvent(writer, state, pauses[pauseIndex].StopUtc, FitProfile.EventFields.StopAll);
                    if (pauses[pauseIndex].ResumeUtc is DateTimeOffset resume)
                    {
                        pendingResume = true;
                        resumeAt = resume;
                    }

                    pauseIndex++;
                }
                else
                {
                    break;
                }
            }

            uint t = FitProfile.ToFitSeconds(s.Time);
            int v = 1;
            values[v++] = s.LatitudeDegrees is double lat && s.LongitudeDegrees is not null ? (long)Math.Round(lat / FitProfile.DegreesPerSemicircle) : FitValue.Invalid;
            values[v++] = s.LongitudeDegrees is double lon && s.LatitudeDegrees is not null ? (long)Math.Round(lon / FitProfile.DegreesPerSemicircle) : FitValue.Invalid;
            values[v++] = FitValue.Raw(s.DistanceMeters, FitProfile.RecordFields.Distance);
            values[v++] = FitValue.Raw(s.SpeedMetersPerSecond, FitProfile.RecordFields.EnhancedSpeed);
            values[v++] = FitValue.Raw(s.AltitudeMeters, FitProfile.RecordFields.EnhancedAltitude);
            values[v++] = (long?)s.HeartRateBpm;
            long? wholeCadence = s.CadenceRpm is double c ? (long)Math.Floor(c) : null;
            values[v++] = wholeCadence;
            values[v++] = s.CadenceRpm is double cf ? (long)Math.Round((cf - Math.Floor(cf)) * FitProfile.RecordFields.FractionalCadence.Scale) : FitValue.Invalid;
            values[v++] = (long?)s.PowerWatts;
            values[v++] = s.TemperatureCelsius is double temp ? (long)Math.Round(temp) : FitValue.Invalid;
            for (int d = 0; d < channels.Count; d++)
            {
                values[v++] = i < channels[d].Values.Count ? channels[d].Values[i] : null;
            }

            if (options.CompressedTimestamps && state.HaveTimestamp && t >= state.LastTimestamp && t - state.LastTimestamp < 32)
            {
                writer.WriteCompressed(LocalCompressedRecord, t, values.AsSpan(1));
                state.LastTimestamp = t;
            }
            else
            {
                values[0] = (long)t;
                writer.Write(LocalRecord, values);
                state.Set(t);
            }
        }

        // Pause events after the last sample (a resume, or pauses the samples never reached).
        if (pendingResume)
        {
            WriteEvent(writer, state, resumeAt, FitProfile.EventFields.Start);
        }

        for (; pauseIndex < pauses.Count; pauseIndex++)
        {
            WriteEvent(writer, state, pauses[pauseIndex].StopUtc, FitProfile.EventFields.StopAll);
            if (pauses[pauseIndex].ResumeUtc is DateTimeOffset resume)
            {
                WriteEvent(writer, state, resume, FitProfile.EventFields.Start);
            }
        }

        if (samples.Count > 0)
        {
            WriteEvent(writer, state, samples[^1].Time, FitProfile.EventFields.StopAll);
        }

        WriteHrv(writer, activity.RrIntervalsSeconds, be);
        if (!options.SummaryFirst)
        {
            FitSummaryWriter.Write(writer, activity, be, state);
        }

        DateTimeOffset end = samples.Count > 0 ? samples[^1].Time : created;
        writer.Define(LocalActivity, FitProfile.Activity,
            [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(0, FitBaseType.UInt32), FitFieldSpec.Of(1, FitBaseType.UInt16),
             FitFieldSpec.Of(2, FitBaseType.Enum), FitFieldSpec.Of(3, FitBaseType.Enum), FitFieldSpec.Of(4, FitBaseType.Enum),
             FitFieldSpec.Of(5, FitBaseType.UInt32)], bigEndian: be);
        double timer = activity.Sessions.Sum(s => s.TimerTime?.TotalSeconds ?? 0);
        uint endSeconds = FitProfile.ToFitSeconds(end);
        writer.Write(LocalActivity, (long)endSeconds, Math.Round(timer * 1000), (long)activity.Sessions.Count, 0L, 26L, 1L,
            activity.UtcOffset is TimeSpan offset ? (long)(endSeconds + (long)offset.TotalSeconds) : FitValue.Invalid);
        return writer.ToArray();
    }

    private static void WriteEvent(FitWriter writer, FitTimestampState state, DateTimeOffset time, byte eventType)
    {
        uint t = FitProfile.ToFitSeconds(time);
        writer.Write(LocalEvent, (long)t, (long)FitProfile.EventFields.TimerEvent, (long)eventType, 0L);
        state.Set(t);
    }

    private static void WriteHrv(FitWriter writer, IReadOnlyList<double> rr, bool be)
    {
        if (rr.Count == 0)
        {
            return;
        }

        writer.Define(LocalHrv, FitProfile.Hrv, [FitFieldSpec.Of(0, FitBaseType.UInt16, RrPerMessage)], bigEndian: be);
        for (int i = 0; i < rr.Count; i += RrPerMessage)
        {
            long[] chunk = rr.Skip(i).Take(RrPerMessage).Select(v => (long)Math.Round(v * FitProfile.HrvFields.Time.Scale)).ToArray();
            writer.Write(LocalHrv, chunk);
        }
    }
}
