using System.Runtime.CompilerServices;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// Maps decoded FIT messages to <see cref="ParsedActivity"/>: routes each message to the part that reads it
/// (<see cref="RecordMapper"/> for records, <see cref="TimelineMessages"/> and <see cref="FileMessages"/> for the
/// summary messages, <see cref="HeartRateMessages"/> for hr, <see cref="DeveloperChannels"/> for developer fields)
/// and assembles the activity once the file has been read.
/// </summary>
internal sealed class FitActivityBuilder : IFitMessageSink
{
    /// <summary>
    /// At most this many samples: 48 hours at one record a second (a named assumption, docs/security.md "Memory per
    /// upload"). A sample costs 88 bytes and a record can be 2 bytes, so an unbounded count let a 2.2 MB file claim
    /// hundreds of MB. A file with more records is thinned evenly to at most this many (warning <c>downsampled</c>):
    /// nothing at its end is lost, it is only coarser.
    /// </summary>
    public const int MaxSamples = 172_800;

    /// <summary>The sample array is sized up front for at most this many records; beyond, it grows as records arrive.</summary>
    public const int MaxPresizedSamples = MaxSamples;

    private readonly MappingWarnings _warnings = new();
    private readonly DeveloperChannels _developer;
    private readonly RecordMapper _records;
    private readonly TimelineMessages _timeline = new();
    private readonly FileMessages _file = new();
    private readonly HeartRateMessages _hr = new();
    private readonly List<double> _rr = [];

    /// <param name="decoder">The decoder feeding this builder: developer field descriptions are looked up in it.</param>
    /// <param name="inputLength">Bytes of input actually present, when known (sizes the sample list; see <see cref="RecordMapper.InputLength"/>).</param>
    public FitActivityBuilder(FitDecoder decoder, long? inputLength = null)
    {
        _developer = new DeveloperChannels(decoder, _warnings);
        _records = new RecordMapper(_developer, _warnings) { InputLength = inputLength };
    }

    public int SkippedEmptyRecords { get; private set; }

    /// <summary>Heart rates merged from hr messages into records that had none.</summary>
    public int MergedHeartRates { get; private set; }

    public void OnFileHeader(in FitFileHeader header) => _records.OnFileHeader();

    public void OnDefinition(FitMessageDefinition definition) => _records.OnDefinition(definition);

    public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
    {
    }

    public void OnWarning(FormatWarning warning) => _warnings.Add(warning);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // issue 18: once per message, inlined where the decoder knows its sink
    public void OnMessage(in FitMessage message)
    {
        if (message.GlobalMessageNumber == FitProfile.Record)
        {
            _records.OnRecord(message); // nearly every message: no switch
        }
        else
        {
            OnOtherMessage(message);
        }
    }

    private void OnOtherMessage(in FitMessage message)
    {
        switch (message.GlobalMessageNumber)
        {
            case FitProfile.Event:
                _timeline.OnEvent(message);
                break;
            case FitProfile.Session:
                _timeline.OnSession(message);
                break;
            case FitProfile.Lap:
                _timeline.OnLap(message);
                break;
            case FitProfile.Activity:
                _timeline.OnActivity(message);
                break;
            case FitProfile.Hrv:
                OnHrv(message);
                break;
            case FitProfile.Hr:
                _hr.Add(message);
                break;
            case FitProfile.FileId:
                _file.OnFileId(message);
                break;
            case FitProfile.DeviceInfo:
                _file.OnDeviceInfo(message);
                break;
            case FitProfile.UserProfile:
                _file.OnUserProfile(message);
                break;
            case FitProfile.Sport:
                _file.OnSport(message);
                break;
            case FitProfile.Workout:
                _file.OnWorkout(message);
                break;
            default:
                break;
        }
    }

    public ParsedActivity Build(FormatError? error)
    {
        if (_records.RecordsWithoutTime > 0)
        {
            _warnings.Add(new FormatWarning(
                "record-without-time", $"{_records.RecordsWithoutTime} record message(s) carry no timestamp and were skipped."));
        }

        SampleList samples = _records.Samples;
        MergeHeartRates(samples);

        uint? clockReference = _records.FirstTimestamp ?? _timeline.FirstSessionTime;
        bool deviceRelative = clockReference is < FitProfile.MinimumAbsoluteTime;
        List<ActivitySession> sessions = _timeline.Sessions(samples);
        (string? sport, string? subSport) = _file.ResolveSport(sessions);
        DateTimeOffset? start = sessions.Count > 0 && sessions[0].StartUtc is DateTimeOffset s0
            ? s0
            : samples.Count > 0 ? samples[0].Time : null;

        return new ParsedActivity
        {
            Format = ActivityFormat.Fit,
            Sport = sport,
            SubSport = subSport,
            Name = _file.WorkoutName,
            StartUtc = deviceRelative ? null : start,
            UtcOffset = _timeline.UtcOffset(deviceRelative),
            ClockIsDeviceRelative = deviceRelative,
            FitFileType = _file.FileType,
            Device = _file.Device,
            Samples = samples,
            Sessions = sessions,
            Laps = _timeline.Laps,
            Pauses = _timeline.Pauses(samples),
            RrIntervalsSeconds = _rr,
            DeveloperChannels = _developer.Build(samples.Count),
            UserProfile = _file.UserProfile,
            Warnings = _warnings.Finish(),
            Error = error,
        };
    }

    /// <summary>
    /// Records holding only a time may get heart rate from hr messages: put them in place, merge, and drop those
    /// still empty. Without hr messages they are simply not samples.
    /// </summary>
    private void MergeHeartRates(SampleList samples)
    {
        List<(int Position, DateTimeOffset Time)> empty = _records.EmptyRecords;
        SkippedEmptyRecords = empty.Count;
        if (!_hr.HasBeats)
        {
            return;
        }

        List<int> inserted = empty.Count > 0 ? samples.InsertAscending(empty) : [];
        _developer.InsertNulls(inserted);
        MergedHeartRates = _hr.MergeInto(samples);
        var stillEmpty = inserted.Where(i => samples[i].HeartRateBpm is null).ToList();
        SkippedEmptyRecords = stillEmpty.Count;
        samples.RemoveAscending(stillEmpty);
        _developer.RemoveAscending(stillEmpty);
    }

    private void OnHrv(in FitMessage message)
    {
        Span<long> values = stackalloc long[128];
        int count = message.GetIntegerArray(FitProfile.HrvFields.Time.Number, values);
        for (int i = 0; i < count; i++)
        {
            _rr.Add(values[i] / FitProfile.HrvFields.Time.Scale);
        }
    }
}
