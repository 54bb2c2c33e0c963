using System.Globalization;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// Maps decoded FIT messages to <see cref="ParsedActivity"/>. Records go through a per-definition
/// <see cref="RecordPlan"/>; summary messages (session, lap, activity…) are rare and read field by field.
/// Session sample ranges are computed at the end, so "summary first" files work like "summary last" ones.
/// </summary>
internal sealed class FitActivityBuilder : IFitMessageSink
{
    public const int MaxDeveloperChannels = 64;
    public const int MaxWarnings = 50;

    /// <summary>
    /// At most this many samples (11.5 days at 1 Hz, ~144 MB of samples): a sample costs 144 bytes, a record can be
    /// 2 bytes, so an unbounded count would let a small file claim a huge amount of memory.
    /// </summary>
    public const int MaxSamples = 1_000_000;

    /// <summary>The sample array is sized up front for at most this many records; beyond, it grows as records arrive.</summary>
    public const int MaxPresizedSamples = 200_000;

    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private static readonly long EpochTicks = FitProfile.Epoch.UtcTicks;

    private readonly FitDecoder _decoder;
    private readonly RecordPlan?[] _recordPlans = new RecordPlan?[16];
    private readonly SampleList _samples = new();
    private readonly List<SessionData> _sessions = [];
    private readonly List<ActivityLap> _laps = [];
    private readonly List<TimerPause> _pauses = [];
    private readonly List<double> _rr = [];
    private readonly List<ChannelBuilder> _channels = [];
    private readonly Dictionary<int, int> _channelByKey = [];
    private readonly List<FormatWarning> _warnings = [];
    private readonly List<(int Position, DateTimeOffset Time)> _emptyRecords = [];
    private readonly HeartRateMessages _hr = new();
    private readonly HashSet<string> _warningCodesOnce = new(StringComparer.Ordinal);
    private int _droppedWarnings;

    private DateTimeOffset? _pauseStart;
    private uint? _firstTimestamp;
    private uint _accumulatedDistanceRaw;
    private uint _lastCompressedDistance;
    private bool _haveCompressedDistance;
    private long? _activityTimestamp;
    private long? _activityLocalTimestamp;
    private DeviceInfo? _device;
    private string? _softwareVersion;
    private bool _haveFileId;
    private UserProfileInfo? _userProfile;
    private long? _sportMessageSport;
    private long? _fileType;
    private long? _sportMessageSubSport;
    private int _recordsWithoutTime;

    public FitActivityBuilder(FitDecoder decoder)
    {
        _decoder = decoder;
    }

    public int SkippedEmptyRecords { get; private set; }

    /// <summary>Heart rates merged from hr messages into records that had none.</summary>
    public int MergedHeartRates { get; private set; }

    /// <summary>
    /// Bytes of input actually present (buffer length, or a seekable stream's length), when known. Sizes the
    /// sample list once from the first record definition instead of growing it; never a length the file claims.
    /// </summary>
    public long? InputLength { get; init; }

    public void OnFileHeader(in FitFileHeader header)
    {
        Array.Clear(_recordPlans);
        _haveCompressedDistance = false;
    }

    public void OnDefinition(FitMessageDefinition definition)
    {
        int local = definition.LocalType;
        if (definition.GlobalMessageNumber != FitProfile.Record)
        {
            _recordPlans[local] = null;
            return;
        }

        if (_recordPlans[local]?.Definition == definition)
        {
            return;
        }

        DeveloperSlot[] developer = [];
        if (definition.DeveloperFields.Count > 0)
        {
            var slots = new List<DeveloperSlot>(definition.DeveloperFields.Count);
            foreach (FitDeveloperFieldDefinition field in definition.DeveloperFields)
            {
                FitDeveloperFieldDescription? description = _decoder.GetDeveloperFieldDescription(field.DeveloperDataIndex, field.Number);
                if (description is null)
                {
                    WarnOnce("undescribed-developer-field", $"Developer field {field.Number} of developer {field.DeveloperDataIndex} has no field_description; skipped.", null);
                    continue;
                }

                if (description.BaseType == FitBaseType.String || field.Size < FitBaseTypes.SizeOf(description.BaseType))
                {
                    continue;
                }

                int channel = ChannelFor(description);
                if (channel >= 0)
                {
                    slots.Add(new DeveloperSlot(field.Offset, field.Size, description, channel));
                }
            }

            developer = [.. slots];
        }

        if (InputLength is long length && _samples.Count == 0)
        {
            long estimate = (length - definition.Offset) / (1 + Math.Max(definition.DataSize, 8));
            _samples.EnsureCapacity((int)Math.Clamp(estimate, _samples.Capacity, MaxPresizedSamples));
        }

        _recordPlans[local] = new RecordPlan(definition, developer, out bool sizeMismatch);
        if (sizeMismatch)
        {
            WarnOnce("field-size-mismatch", "A record field's size does not fit its base type; its bytes are skipped.", null);
        }
    }

    public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
    {
    }

    public void OnWarning(FormatWarning warning) => AddWarning(warning);

    public void OnMessage(in FitMessage message)
    {
        switch (message.GlobalMessageNumber)
        {
            case FitProfile.Record:
                OnRecord(message);
                break;
            case FitProfile.Event:
                OnEvent(message);
                break;
            case FitProfile.Session:
                OnSession(message);
                break;
            case FitProfile.Lap:
                OnLap(message);
                break;
            case FitProfile.Activity:
                _activityTimestamp = message.Timestamp;
                _activityLocalTimestamp = message.GetInteger(FitProfile.ActivityFields.LocalTimestamp.Number);
                break;
            case FitProfile.Hrv:
                OnHrv(message);
                break;
            case FitProfile.Hr:
                _hr.Add(message);
                break;
            case FitProfile.FileId:
                OnFileId(message);
                break;
            case FitProfile.DeviceInfo:
                OnDeviceInfo(message);
                break;
            case FitProfile.UserProfile:
                OnUserProfile(message);
                break;
            case FitProfile.Sport:
                _sportMessageSport ??= message.GetInteger(FitProfile.SportFields.Sport.Number);
                _sportMessageSubSport ??= message.GetInteger(FitProfile.SportFields.SubSport.Number);
                break;
            default:
                break;
        }
    }

    private void OnRecord(in FitMessage message)
    {
        RecordPlan? plan = _recordPlans[message.Definition.LocalType];
        if (plan is null || plan.Definition != message.Definition)
        {
            OnDefinition(message.Definition);
            plan = _recordPlans[message.Definition.LocalType]!; // OnDefinition just built it for this record definition.
        }

        if (message.Timestamp is not uint timestamp)
        {
            _recordsWithoutTime++;
            return;
        }

        ReadOnlySpan<byte> p = message.Payload;
        bool be = plan.BigEndian;
        double? latitude = null;
        double? longitude = null;
        if (plan.Latitude.TryRead(p, out long lat) && plan.Longitude.TryRead(p, out long lon))
        {
            latitude = lat * FitProfile.DegreesPerSemicircle;
            longitude = lon * FitProfile.DegreesPerSemicircle;
        }

        double? altitude = null;
        if (plan.EnhancedAltitude.TryRead(p, out long rawAltitude) || plan.Altitude.TryRead(p, out rawAltitude))
        {
            altitude = FitProfile.RecordFields.Altitude.ToPhysical(rawAltitude);
        }

        double? speed = null;
        if (plan.EnhancedSpeed.TryRead(p, out long rawSpeed) || plan.Speed.TryRead(p, out rawSpeed))
        {
            speed = rawSpeed / FitProfile.RecordFields.Speed.Scale;
        }

        double? distance = plan.Distance.TryRead(p, out long rawDistance)
            ? rawDistance / FitProfile.RecordFields.Distance.Scale
            : null;
        if (plan.CompressedSpeedDistance.Present)
        {
            ReadOnlySpan<byte> c = plan.CompressedSpeedDistance.Bytes(p);
            if (c[0] != 0xFF || c[1] != 0xFF || c[2] != 0xFF)
            {
                uint packed = (uint)(c[0] | (c[1] << 8) | (c[2] << 16));
                speed ??= (packed & 0xFFF) / FitProfile.RecordFields.CompressedSpeedScale;
                uint distanceRaw = (packed >> 12) & 0xFFF;
                _accumulatedDistanceRaw += _haveCompressedDistance ? (distanceRaw - _lastCompressedDistance) & 0xFFF : distanceRaw;
                _lastCompressedDistance = distanceRaw;
                _haveCompressedDistance = true;
                distance ??= _accumulatedDistanceRaw / FitProfile.RecordFields.CompressedDistanceScale;
            }
        }

        int? heartRate = plan.HeartRate.TryRead(p, out long rawHeartRate) && rawHeartRate is >= 0 and <= int.MaxValue ? (int)rawHeartRate : null;
        double? cadence = null;
        if (plan.Cadence.TryRead(p, out long rawCadence))
        {
            cadence = plan.FractionalCadence.TryRead(p, out long fraction)
                ? rawCadence + (fraction / FitProfile.RecordFields.FractionalCadence.Scale)
                : rawCadence;
        }

        int? power = plan.Power.TryRead(p, out long rawPower) && rawPower is >= 0 and <= int.MaxValue ? (int)rawPower : null;
        double? temperature = plan.Temperature.TryRead(p, out long rawTemperature) ? rawTemperature : null;

        int developerValues = 0;
        Span<double?> developer = plan.Developer.Length == 0 ? default : stackalloc double?[plan.Developer.Length];
        for (int i = 0; i < plan.Developer.Length; i++)
        {
            DeveloperSlot slot = plan.Developer[i];
            double? raw = FitBaseTypes.ReadDouble(p.Slice(slot.Offset, slot.Size), slot.Description.BaseType, be);
            developer[i] = raw is double r ? (r / slot.Description.Scale) - slot.Description.ValueOffset : null;
            developerValues += raw is null ? 0 : 1;
        }

        _firstTimestamp ??= timestamp;
        int index = _samples.Count;
        var time = new DateTimeOffset(EpochTicks + (timestamp * TicksPerSecond), TimeSpan.Zero);
        if (index + _emptyRecords.Count >= MaxSamples)
        {
            WarnOnce("sample-limit", $"More than {MaxSamples} records; the rest are not kept as samples.", message.Offset);
            return;
        }

        if (latitude is null && altitude is null && speed is null && distance is null && heartRate is null
            && cadence is null && power is null && temperature is null && developerValues == 0)
        {
            // Not a sample unless heart rate from hr messages fills it (Build); only its place and time are kept.
            _emptyRecords.Add((index, time));
            return;
        }

        _samples.Add(new ActivitySample(
            time,
            latitude,
            longitude,
            altitude,
            distance,
            speed,
            heartRate,
            cadence,
            power,
            temperature));

        for (int i = 0; i < developer.Length; i++)
        {
            if (developer[i] is double value)
            {
                _channels[plan.Developer[i].Channel].Set(index, value);
            }
        }
    }

    private void OnEvent(in FitMessage message)
    {
        if (message.Timestamp is not uint timestamp
            || message.GetInteger(FitProfile.EventFields.Event.Number) != FitProfile.EventFields.TimerEvent
            || message.GetInteger(FitProfile.EventFields.EventType.Number) is not long eventType)
        {
            return;
        }

        DateTimeOffset time = FitProfile.ToDateTime(timestamp);
        if (FitProfile.EventFields.IsStop(eventType))
        {
            _pauseStart ??= time;
        }
        else if (eventType == FitProfile.EventFields.Start && _pauseStart is DateTimeOffset stop)
        {
            _pauses.Add(new TimerPause(stop, time));
            _pauseStart = null;
        }
    }

    private void OnSession(in FitMessage message)
    {
        _sessions.Add(new SessionData(
            message.Timestamp,
            ToTime(message.GetInteger(FitProfile.SessionFields.StartTime.Number)),
            message.GetInteger(FitProfile.SessionFields.Sport.Number),
            message.GetInteger(FitProfile.SessionFields.SubSport.Number),
            Scaled(message, FitProfile.SessionFields.TotalElapsedTime),
            Scaled(message, FitProfile.SessionFields.TotalTimerTime),
            Scaled(message, FitProfile.SessionFields.TotalDistance),
            Scaled(message, FitProfile.SessionFields.TotalAscent),
            Scaled(message, FitProfile.SessionFields.TotalDescent),
            ToInt(message.GetInteger(FitProfile.SessionFields.AvgHeartRate.Number)),
            ToInt(message.GetInteger(FitProfile.SessionFields.MaxHeartRate.Number)),
            Scaled(message, FitProfile.SessionFields.AvgCadence) is double cadence
                ? cadence + (Scaled(message, FitProfile.SessionFields.AvgFractionalCadence) ?? 0)
                : null,
            ToInt(message.GetInteger(FitProfile.SessionFields.TotalCalories.Number))));
    }

    private void OnLap(in FitMessage message) =>
        _laps.Add(new ActivityLap
        {
            StartUtc = ToTime(message.GetInteger(FitProfile.LapFields.StartTime.Number)),
            ElapsedTime = Seconds(Scaled(message, FitProfile.LapFields.TotalElapsedTime)),
            TimerTime = Seconds(Scaled(message, FitProfile.LapFields.TotalTimerTime)),
            DistanceMeters = Scaled(message, FitProfile.LapFields.TotalDistance),
            AscentMeters = Scaled(message, FitProfile.LapFields.TotalAscent),
            DescentMeters = Scaled(message, FitProfile.LapFields.TotalDescent),
            AvgHeartRateBpm = ToInt(message.GetInteger(FitProfile.LapFields.AvgHeartRate.Number)),
            MaxHeartRateBpm = ToInt(message.GetInteger(FitProfile.LapFields.MaxHeartRate.Number)),
        });

    private void OnHrv(in FitMessage message)
    {
        Span<long> values = stackalloc long[128];
        int count = message.GetIntegerArray(FitProfile.HrvFields.Time.Number, values);
        for (int i = 0; i < count; i++)
        {
            _rr.Add(values[i] / FitProfile.HrvFields.Time.Scale);
        }
    }

    private void OnFileId(in FitMessage message)
    {
        if (_haveFileId)
        {
            return;
        }

        _haveFileId = true;
        _fileType = message.GetInteger(FitProfile.FileIdFields.Type.Number);
        long? manufacturer = message.GetInteger(FitProfile.FileIdFields.Manufacturer.Number);
        long? product = message.GetInteger(FitProfile.FileIdFields.Product.Number);
        long? serial = message.GetInteger(FitProfile.FileIdFields.SerialNumber.Number);
        string? productName = message.GetString(FitProfile.FileIdFields.ProductName.Number);
        _device = new DeviceInfo(
            manufacturer is long m ? FitProfile.ManufacturerName(m) : null,
            productName ?? (product is long p ? p.ToString(CultureInfo.InvariantCulture) : null),
            serial is long s and >= 0 and <= uint.MaxValue ? (uint)s : null,
            null);
    }

    private void OnDeviceInfo(in FitMessage message)
    {
        if (_softwareVersion is null
            && message.GetInteger(FitProfile.DeviceInfoFields.DeviceIndex.Number) == 0
            && Scaled(message, FitProfile.DeviceInfoFields.SoftwareVersion) is double version)
        {
            _softwareVersion = version.ToString("0.00", CultureInfo.InvariantCulture);
        }
    }

    private void OnUserProfile(in FitMessage message)
    {
        long? gender = message.GetInteger(FitProfile.UserProfileFields.Gender.Number);
        _userProfile ??= new UserProfileInfo(
            ToInt(message.GetInteger(FitProfile.UserProfileFields.Age.Number)),
            gender switch { 0 => "female", 1 => "male", _ => null },
            Scaled(message, FitProfile.UserProfileFields.Weight),
            ToInt(message.GetInteger(FitProfile.UserProfileFields.RestingHeartRate.Number)),
            ToInt(message.GetInteger(FitProfile.UserProfileFields.DefaultMaxHeartRate.Number)));
    }

    public ParsedActivity Build(FormatError? error)
    {
        if (_recordsWithoutTime > 0)
        {
            AddWarning(new FormatWarning(
                "record-without-time", $"{_recordsWithoutTime} record message(s) carry no timestamp and were skipped."));
        }

        SkippedEmptyRecords = _emptyRecords.Count;
        if (_hr.HasBeats)
        {
            // Records holding only a time may get heart rate from hr messages: put them in place, merge, and drop
            // those still empty.
            List<int> inserted = _emptyRecords.Count > 0 ? _samples.InsertAscending(_emptyRecords) : [];
            foreach (ChannelBuilder channel in _channels)
            {
                channel.InsertNulls(inserted);
            }

            MergedHeartRates = _hr.MergeInto(_samples);
            var stillEmpty = inserted.Where(i => _samples[i].HeartRateBpm is null).ToList();
            SkippedEmptyRecords = stillEmpty.Count;
            _samples.RemoveAscending(stillEmpty);
            foreach (ChannelBuilder channel in _channels)
            {
                channel.RemoveAscending(stillEmpty);
            }
        }

        uint? clockReference = _firstTimestamp ?? _sessions.Select(s => s.StartTime ?? s.Timestamp).FirstOrDefault(t => t is not null);
        bool deviceRelative = clockReference is < FitProfile.MinimumAbsoluteTime;

        var sessions = new List<ActivitySession>(_sessions.Count);
        foreach (SessionData s in _sessions)
        {
            sessions.Add(s.ToSession(_samples));
        }

        // Adjacent sessions share their boundary second; the later session keeps it.
        for (int i = 0; i + 1 < sessions.Count; i++)
        {
            int end = sessions[i].FirstSampleIndex + sessions[i].SampleCount;
            int next = sessions[i + 1].FirstSampleIndex;
            if (sessions[i + 1].SampleCount > 0 && next >= sessions[i].FirstSampleIndex && next < end)
            {
                sessions[i] = sessions[i] with { SampleCount = next - sessions[i].FirstSampleIndex };
            }
        }

        Sport sport = sessions.Select(s => s.Sport).FirstOrDefault(s => s is not (Sport.Transition or Sport.Generic or Sport.Unknown));
        if (sport == Sport.Unknown)
        {
            sport = sessions.Select(s => s.Sport).FirstOrDefault(s => s != Sport.Transition);
        }

        if (sport == Sport.Unknown)
        {
            sport = FitProfile.ToSport(_sportMessageSport);
        }

        string? subSport = sessions.FirstOrDefault(s => s.Sport == sport)?.SubSport ?? FitProfile.SubSportName(_sportMessageSubSport);

        DateTimeOffset? start = sessions.Count > 0 && sessions[0].StartUtc is DateTimeOffset s0
            ? s0
            : _samples.Count > 0 ? _samples[0].Time : null;

        TimeSpan? utcOffset = null;
        if (!deviceRelative && _activityTimestamp is long ts && _activityLocalTimestamp is long local)
        {
            // Checked in seconds first: a mangled local_timestamp (any base type) must not overflow a TimeSpan.
            double seconds = (double)local - ts;
            if (Math.Abs(seconds) <= 14 * 3600)
            {
                utcOffset = TimeSpan.FromMinutes(Math.Round(seconds / 60.0));
            }
        }

        var pauses = new List<TimerPause>(_pauses);
        if (_pauseStart is DateTimeOffset open && (_samples.Count == 0 || open < _samples[^1].Time))
        {
            // A stop that is never resumed but comes before the last sample is a real pause; the stop at the
            // end of the recording (stop_disable_all) is not.
            pauses.Add(new TimerPause(open, null));
        }

        var channels = new List<DeveloperChannel>(_channels.Count);
        foreach (ChannelBuilder channel in _channels)
        {
            channels.Add(channel.Build(_samples.Count));
        }

        if (_droppedWarnings > 0)
        {
            _warnings.Add(new FormatWarning("more-warnings", $"{_droppedWarnings} further warning(s) were not kept."));
        }

        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = sport,
            SubSport = subSport,
            StartUtc = deviceRelative ? null : start,
            UtcOffset = utcOffset,
            ClockIsDeviceRelative = deviceRelative,
            FitFileType = _fileType,
            Device = _device is null ? null : _device with { SoftwareVersion = _softwareVersion },
            Samples = _samples,
            Sessions = sessions,
            Laps = _laps,
            Pauses = pauses,
            RrIntervalsSeconds = _rr,
            DeveloperChannels = channels,
            UserProfile = _userProfile,
            Warnings = _warnings,
            Error = error,
        };
    }

    private int ChannelFor(FitDeveloperFieldDescription description)
    {
        int key = (description.DeveloperDataIndex << 8) | description.FieldNumber;
        if (_channelByKey.TryGetValue(key, out int existing))
        {
            return existing;
        }

        if (_channels.Count >= MaxDeveloperChannels)
        {
            WarnOnce("too-many-developer-fields", $"More than {MaxDeveloperChannels} developer record fields; the rest are skipped.", null);
            return -1;
        }

        string name = description.Name ?? $"developer_{description.DeveloperDataIndex}_{description.FieldNumber}";
        _channels.Add(new ChannelBuilder(name, description.Units, description.DeveloperDataIndex));
        _channelByKey[key] = _channels.Count - 1;
        return _channels.Count - 1;
    }

    private void WarnOnce(string code, string message, long? offset)
    {
        if (_warningCodesOnce.Add(code))
        {
            AddWarning(new FormatWarning(code, message, offset));
        }
    }

    private void AddWarning(FormatWarning warning)
    {
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(warning);
        }
        else
        {
            _droppedWarnings++;
        }
    }

    private static double? Scaled(in FitMessage message, FitProfileField field) =>
        message.GetDouble(field.Number) is double raw ? field.ToPhysical(raw) : null;

    private static DateTimeOffset? ToTime(long? fitSeconds) =>
        fitSeconds is long s and >= 0 and < uint.MaxValue ? FitProfile.ToDateTime((uint)s) : null;

    /// <summary>
    /// A duration, or null when negative or above 10⁸ s (3 years: a uint32 in ms reaches 49 days; only a re-typed
    /// field goes beyond), so start + duration can never leave the DateTimeOffset range.
    /// </summary>
    private static TimeSpan? Seconds(double? seconds) =>
        seconds is double s && s >= 0 && s <= 1e8 ? TimeSpan.FromSeconds(s) : null;

    private static int? ToInt(long? value) => value is long v and >= int.MinValue and <= int.MaxValue ? (int)v : null;

    private sealed record SessionData(
        uint? Timestamp,
        DateTimeOffset? Start,
        long? Sport,
        long? SubSport,
        double? Elapsed,
        double? Timer,
        double? Distance,
        double? Ascent,
        double? Descent,
        int? AvgHeartRate,
        int? MaxHeartRate,
        double? AvgCadence,
        int? Calories)
    {
        public uint? StartTime => Start is DateTimeOffset s ? FitProfile.ToFitSeconds(s) : null;

        public ActivitySession ToSession(SampleList samples)
        {
            // end = start_time + total_elapsed_time (never the message timestamp: summary-first files), rounded
            // up to the whole second because records carry whole seconds.
            DateTimeOffset? end = Start is DateTimeOffset s && Seconds(Elapsed) is TimeSpan e
                ? s + TimeSpan.FromSeconds(Math.Ceiling(e.TotalSeconds))
                : Timestamp is uint t ? FitProfile.ToDateTime(t) : null;
            int first = 0;
            int count = 0;
            if (Start is DateTimeOffset from && end is DateTimeOffset to)
            {
                first = LowerBound(samples, from);
                count = LowerBound(samples, to.AddTicks(1)) - first;
            }

            return new ActivitySession
            {
                Sport = FitProfile.ToSport(Sport),
                SubSport = FitProfile.SubSportName(SubSport),
                StartUtc = Start,
                ElapsedTime = Seconds(Elapsed),
                TimerTime = Seconds(Timer),
                DistanceMeters = Distance,
                AscentMeters = Ascent,
                DescentMeters = Descent,
                AvgHeartRateBpm = AvgHeartRate,
                MaxHeartRateBpm = MaxHeartRate,
                AvgCadenceRpm = AvgCadence,
                Calories = Calories,
                FirstSampleIndex = first,
                SampleCount = Math.Max(0, count),
            };
        }

        private static int LowerBound(SampleList samples, DateTimeOffset time)
        {
            int lo = 0;
            int hi = samples.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (samples[mid].Time < time)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }

    private sealed class ChannelBuilder(string name, string? units, byte developerDataIndex)
    {
        private readonly List<double?> _values = [];

        public void Set(int index, double value)
        {
            if (_values.Count > index)
            {
                _values[index] = value;
                return;
            }

            while (_values.Count < index)
            {
                _values.Add(null);
            }

            _values.Add(value);
        }

        public void InsertNulls(List<int> indexes)
        {
            // Linear rebuild (indexes are ascending final positions); List.Insert per index would be quadratic.
            if (indexes.Count == 0 || indexes[0] >= _values.Count + indexes.Count)
            {
                return;
            }

            var rebuilt = new List<double?>(_values.Count + indexes.Count);
            int next = 0;
            foreach (double? value in _values)
            {
                while (next < indexes.Count && indexes[next] == rebuilt.Count)
                {
                    rebuilt.Add(null);
                    next++;
                }

                rebuilt.Add(value);
            }

            _values.Clear();
            _values.AddRange(rebuilt);
        }

        public void RemoveAscending(List<int> indexes)
        {
            // Linear compaction; empty samples hold no developer value, only padding nulls go.
            int write = 0;
            int next = 0;
            for (int read = 0; read < _values.Count; read++)
            {
                if (next < indexes.Count && indexes[next] == read)
                {
                    next++;
                    continue;
                }

                _values[write++] = _values[read];
            }

            _values.RemoveRange(write, _values.Count - write);
        }

        public DeveloperChannel Build(int sampleCount)
        {
            while (_values.Count < sampleCount)
            {
                _values.Add(null);
            }

            return new DeveloperChannel(name, units, developerDataIndex, _values);
        }
    }
}
