using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// The mapping's warnings: the decoder's and its own, at most <see cref="MaxWarnings"/> kept (a damaged file can
/// repeat one oddity thousands of times), some codes only once, and a count of the rest at the end.
/// </summary>
internal sealed class MappingWarnings
{
    public const int MaxWarnings = 50;

    private readonly List<FormatWarning> _warnings = [];
    private readonly HashSet<string> _codesOnce = new(StringComparer.Ordinal);
    private int _dropped;

    public void Add(FormatWarning warning)
    {
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(warning);
        }
        else
        {
            _dropped++;
        }
    }

    /// <summary>Adds the warning unless one with the same code was added this way before.</summary>
    public void AddOnce(string code, string message, long? offset)
    {
        if (_codesOnce.Add(code))
        {
            Add(new FormatWarning(code, message, offset));
        }
    }

    /// <summary>The kept warnings, and one saying how many were not kept.</summary>
    public List<FormatWarning> Finish()
    {
        if (_dropped > 0)
        {
            _warnings.Add(new FormatWarning("more-warnings", $"{_dropped} further warning(s) were not kept."));
        }

        return _warnings;
    }
}
