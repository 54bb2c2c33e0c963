using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using static RunRecovery.Formats.Fit.Mapping.MessageValues;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// The summary messages that place the recording in time: session (20 per file at most in practice), lap, timer
/// events (pauses) and activity (local time). Rare, so read field by field; turned into sessions, pauses and the
/// UTC offset once the samples are known.
/// </summary>
internal sealed class TimelineMessages
{
    private readonly List<SessionData> _sessions = [];
    private readonly List<TimerPause> _pauses = [];
    private DateTimeOffset? _pauseStart;
    private long? _activityTimestamp;
    private long? _activityLocalTimestamp;

    public List<ActivityLap> Laps { get; } = [];

    /// <summary>The first session's start (or timestamp), for files without a timed record.</summary>
    public uint? FirstSessionTime => _sessions.Select(s => s.StartTime ?? s.Timestamp).FirstOrDefault(t => t is not null);

    public void OnActivity(in FitMessage message)
    {
        _activityTimestamp = message.Timestamp;
        _activityLocalTimestamp = message.GetInteger(FitProfile.ActivityFields.LocalTimestamp.Number);
    }

    public void OnEvent(in FitMessage message)
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

    public void OnSession(in FitMessage message) =>
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

    public void OnLap(in FitMessage message) =>
        Laps.Add(new ActivityLap
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

    /// <summary>The sessions with their sample ranges; adjacent sessions share their boundary second, the later keeps it.</summary>
    public List<ActivitySession> Sessions(SampleList samples)
    {
        var sessions = new List<ActivitySession>(_sessions.Count);
        foreach (SessionData s in _sessions)
        {
            sessions.Add(s.ToSession(samples));
        }

        for (int i = 0; i + 1 < sessions.Count; i++)
        {
            int end = sessions[i].FirstSampleIndex + sessions[i].SampleCount;
            int next = sessions[i + 1].FirstSampleIndex;
            if (sessions[i + 1].SampleCount > 0 && next >= sessions[i].FirstSampleIndex && next < end)
            {
                sessions[i] = sessions[i] with { SampleCount = next - sessions[i].FirstSampleIndex };
            }
        }

        return sessions;
    }

    /// <summary>activity.local_timestamp − timestamp, to the minute, when within ±14 h and the clock is a date.</summary>
    public TimeSpan? UtcOffset(bool deviceRelative)
    {
        if (deviceRelative || _activityTimestamp is not long ts || _activityLocalTimestamp is not long local)
        {
            return null;
        }

        // Checked in seconds first: a mangled local_timestamp (any base type) must not overflow a TimeSpan.
        double seconds = (double)local - ts;
        return Math.Abs(seconds) <= 14 * 3600 ? TimeSpan.FromMinutes(Math.Round(seconds / 60.0)) : null;
    }

    public List<TimerPause> Pauses(SampleList samples)
    {
        var pauses = new List<TimerPause>(_pauses);
        if (_pauseStart is DateTimeOffset open && (samples.Count == 0 || open < samples[^1].Time))
        {
            // A stop that is never resumed but comes before the last sample is a real pause; the stop at the
            // end of the recording (stop_disable_all) is not.
            pauses.Add(new TimerPause(open, null));
        }

        return pauses;
    }
}
