using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Errors;

/// <summary>
/// The only exception family the readers throw. Every instance says what was wrong (<see cref="Code"/>,
/// a stable lowercase word such as "truncated", "crc-mismatch", "bad-header", "malformed",
/// "unsupported-format", "xml-forbidden"), a precise message, and the byte offset when one applies.
/// <see cref="Partial"/> carries whatever was decoded before the damage.
/// </summary>
public class ActivityFileException : Exception
{
    public ActivityFileException(string code, string message, long? offset = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Offset = offset;
    }

    public ActivityFileException()
        : this("malformed", "The file could not be read.")
    {
    }

    public ActivityFileException(string message)
        : this("malformed", message)
    {
    }

    public ActivityFileException(string message, Exception innerException)
        : this("malformed", message, null, innerException)
    {
    }

    public string Code { get; }

    public long? Offset { get; }

    /// <summary>What was decoded before the damage, when anything was.</summary>
    public ParsedActivity? Partial { get; init; }

    public FormatError ToError() => new(Code, Message, Offset);
}
