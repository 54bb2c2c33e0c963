using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Xml;

/// <summary>
/// Collects reader warnings: one entry per code with a count, so a file with 30,000 bad points gives one line. Only a
/// code's first message is kept, so an interpolated message is formatted only then (<see cref="Message"/>): a hostile
/// file repeating one fault on each of two million points costs a count each time, not a formatted string.
/// </summary>
internal sealed class WarningList
{
    private readonly Dictionary<string, (string Message, int Count, long? Offset)> _byCode = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(string code, string message, long? offset = null)
    {
        if (!Repeat(code))
        {
            _byCode[code] = (message, 1, offset);
            _order.Add(code);
        }
    }

    /// <summary>As <see cref="Add(string, string, long?)"/>; the message is formatted only when the code is new.</summary>
    public void Add(string code, [InterpolatedStringHandlerArgument("", "code")] ref Message message)
    {
        if (message.Enabled)
        {
            Add(code, message.ToStringAndClear());
        }
    }

    /// <summary>Counts one more of <paramref name="code"/> when it is already listed; false when it is new.</summary>
    private bool Repeat(string code)
    {
        ref (string Message, int Count, long? Offset) existing = ref CollectionsMarshal.GetValueRefOrNullRef(_byCode, code);
        if (Unsafe.IsNullRef(ref existing))
        {
            return false;
        }

        existing.Count++;
        return true;
    }

    public IReadOnlyList<FormatWarning> ToList() =>
        [.. _order.Select(code =>
        {
            var (message, count, offset) = _byCode[code];
            return new FormatWarning(code, count == 1 ? message : $"{message} ({count} times)", offset);
        })];

    /// <summary>An interpolated warning message that is only formatted when its code is new; a repeat is counted instead.</summary>
    [InterpolatedStringHandler]
    public ref struct Message
    {
        private DefaultInterpolatedStringHandler _inner;

        public Message(int literalLength, int formattedCount, WarningList list, string code, out bool enabled)
        {
            ArgumentNullException.ThrowIfNull(list);
            enabled = !list.Repeat(code);
            Enabled = enabled;
            _inner = enabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public bool Enabled { get; }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public void AppendFormatted(ReadOnlySpan<char> value) => _inner.AppendFormatted(value);

        public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

        public string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
