using System.Globalization;
using RunRecovery.Analysis;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// The sport each sample is held to, walking forward through the file: its session's (sessions list their first
/// sample and count), or the file's sport outside any session or where a session's sport is unknown. Sports are the
/// model's (<see cref="RecordingMapper.SportOf"/>).
/// </summary>
internal sealed class SessionSportCursor(ParsedActivity parsed)
{
    private readonly ActivitySession[] _sessions = [.. parsed.Sessions.Where(s => s.SampleCount > 0).OrderBy(s => s.FirstSampleIndex)];
    private readonly SortedSet<Sport> _dropped = [];
    private int _next;
    private readonly Sport _fileSport = RecordingMapper.SportOf(parsed.Sport);
    private Sport _current = RecordingMapper.SportOf(parsed.Sport);

    public double MaxSpeedAt(int index)
    {
        while (_next < _sessions.Length && _sessions[_next].FirstSampleIndex <= index)
        {
            _next++;
        }

        ActivitySession? session = _next > 0 ? _sessions[_next - 1] : null;
        bool inside = session is not null && index < session.FirstSampleIndex + session.SampleCount;
        _current = inside && session!.Sport is { } word ? RecordingMapper.SportOf(word) : _fileSport;
        return HumanLimits.MaxSpeedMetersPerSecond(_current);
    }

    /// <summary>The sample just checked lost a value to the current sport's limit.</summary>
    public void Dropped() => _dropped.Add(_current);

    /// <summary>"12.5 m/s (the fastest running)", one per sport that dropped something ("…; 40 m/s (the fastest cycling)").</summary>
    public string DroppedLimits() => string.Join("; ", _dropped.Select(sport => string.Create(
        CultureInfo.InvariantCulture, $"{HumanLimits.MaxSpeedMetersPerSecond(sport):0.#} m/s (the fastest {sport.ToString().ToLowerInvariant()})")));
}
