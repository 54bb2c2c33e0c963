namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Tells a walk over an archive when it has passed a member's last entry, so that member's files can be handed out
/// while the rest is still being expanded. The expansion yields the archive's top-level entries in central-directory
/// order (<see cref="ImportLayout.Entries"/>), each one's nested files before the next; a member is passed once the
/// walk has reached a top-level entry after the last one that could be theirs. The cursor only moves forward and
/// only to an entry with the name the walk reports, so it never runs ahead of the walk: when a name is ambiguous
/// (the same name twice in a row) it lags, and the member is handed out later, never early. Members whose files are
/// interleaved with others' are passed late (at worst at the end, as before segments).
/// </summary>
public sealed class MemberCursor
{
    private readonly Dictionary<string, List<int>> _positions = new(StringComparer.Ordinal);
    private readonly (int Last, Guid RunnerId)[] _lasts;
    private int _position;
    private int _passed;

    public MemberCursor(ImportLayout layout, ClubRoster roster)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(roster);
        var last = new Dictionary<Guid, int>();
        for (int i = 0; i < layout.Entries.Count; i++)
        {
            foreach (string name in NamesFor(layout.Entries[i]))
            {
                if (!_positions.TryGetValue(name, out List<int>? at))
                {
                    _positions[name] = at = [];
                }

                at.Add(i);
                if (layout.MemberFor(name).Member is { } member && roster.Find(member).RunnerId is { } runnerId)
                {
                    last[runnerId] = i;
                }
            }
        }

        _lasts = [.. last.Select(pair => (pair.Value, pair.Key)).OrderBy(pair => pair.Value)];
    }

    /// <summary>
    /// The walk has reached an entry under the top-level name <paramref name="topLevel"/> (as <see cref="ImportWalk"/>
    /// reports it): the members whose every entry lies before it, each once.
    /// </summary>
    public List<Guid> MoveTo(string topLevel)
    {
        if (_positions.TryGetValue(topLevel, out List<int>? at))
        {
            int next = at.FindIndex(position => position >= _position);
            _position = next < 0 ? _position : at[next];
        }

        var passed = new List<Guid>();
        while (_passed < _lasts.Length && _lasts[_passed].Last < _position)
        {
            passed.Add(_lasts[_passed++].RunnerId);
        }

        return passed;
    }

    /// <summary>
    /// The top-level names the walk may report for a central-directory entry: its own, and for a gzip file the name
    /// without ".gz" (the expander names the inflated file so).
    /// </summary>
    private static IEnumerable<string> NamesFor(string fullName)
    {
        yield return fullName;
        if (fullName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            yield return fullName[..^3];
        }
    }
}
