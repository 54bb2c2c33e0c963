namespace RunRecovery.Formats.Model;

/// <summary>
/// The sport of a file from its sessions. A file whose sessions are of more than one sport (a triathlon's swim,
/// transitions, ride and run; a duathlon; a brick) is <see cref="Sport.Multisport"/>: naming it after its first leg
/// ("swimming") would place the whole distance in that sport. Sessions of one sport (two runs in one file) keep it.
/// Transition and generic sessions count as sports of their own; sessions that state none do not count.
/// </summary>
public static class SessionSports
{
    /// <summary><see cref="Sport.Multisport"/> when the sessions state more than one sport, else null.</summary>
    public static Sport? Combined(IReadOnlyList<ActivitySession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        Sport? seen = null;
        foreach (ActivitySession session in sessions)
        {
            if (session.Sport == Sport.Unknown)
            {
                continue;
            }

            if (seen is { } first && first != session.Sport)
            {
                return Sport.Multisport;
            }

            seen = session.Sport;
        }

        return null;
    }
}
