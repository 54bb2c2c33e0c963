namespace RunRecovery.Formats.Model;

/// <summary>
/// The sport of a file from its sessions. A file whose sessions are of more than one sport (a triathlon's swim,
/// transitions, ride and run; a duathlon; a brick) is <see cref="SportWords.Multisport"/>: naming it after its first leg
/// ("swimming") would place the whole distance in that sport. Sessions of one sport (two runs in one file) keep it.
/// Transition and generic sessions count as sports of their own; sessions that state none do not count.
/// </summary>
public static class SessionSports
{
    /// <summary><see cref="SportWords.Multisport"/> when the sessions state more than one sport word, else null.</summary>
    public static string? Combined(IReadOnlyList<ActivitySession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        string? seen = null;
        foreach (ActivitySession session in sessions)
        {
            if (session.Sport is null)
            {
                continue;
            }

            if (seen is { } first && first != session.Sport)
            {
                return SportWords.Multisport;
            }

            seen = session.Sport;
        }

        return null;
    }
}
