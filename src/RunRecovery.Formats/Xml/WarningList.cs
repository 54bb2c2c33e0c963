using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Xml;

/// <summary>Collects reader warnings: one entry per code with a count, so a file with 30,000 bad points gives one line.</summary>
internal sealed class WarningList
{
    private readonly Dictionary<string, (string Message, int Count, long? Offset)> _byCode = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(string code, string message, long? offset = null)
    {
        if (_byCode.TryGetValue(code, out var existing))
        {
            _byCode[code] = existing with { Count = existing.Count + 1 };
            return;
        }

        _byCode[code] = (message, 1, offset);
        _order.Add(code);
    }

    public IReadOnlyList<FormatWarning> ToList() =>
        [.. _order.Select(code =>
        {
            var (message, count, offset) = _byCode[code];
            return new FormatWarning(code, count == 1 ? message : $"{message} ({count} times)", offset);
        })];
}
