namespace RunRecovery.Formats.Errors;

/// <summary>
/// An XML activity file (GPX, TCX) that is not well-formed or not the format it claims to be.
/// <see cref="ActivityFileException.Offset"/> is the byte offset when known; <see cref="Line"/> and
/// <see cref="Column"/> locate the problem as an editor would show it.
/// </summary>
public class XmlFormatException : ActivityFileException
{
    public XmlFormatException(string code, string message, int? line, int? column, long? offset = null, Exception? inner = null)
        : base(code, Locate(message, line, column), offset, inner)
    {
        Line = line;
        Column = column;
    }

    public XmlFormatException()
        : this("malformed", "The XML could not be read.", null, null)
    {
    }

    public XmlFormatException(string message)
        : this("malformed", message, null, null)
    {
    }

    public XmlFormatException(string message, Exception innerException)
        : this("malformed", message, null, null, null, innerException)
    {
    }

    public int? Line { get; }

    public int? Column { get; }

    private static string Locate(string message, int? line, int? column) =>
        line is > 0 ? $"{message} (line {line}, column {column})" : message;
}
