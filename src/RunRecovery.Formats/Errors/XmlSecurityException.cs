namespace RunRecovery.Formats.Errors;

/// <summary>
/// XML refused on safety grounds before or while reading it: a DTD or entity declaration (billion laughs,
/// external entities), nesting deeper than the limit, or a single attribute or text run larger than the limit.
/// Always <see cref="ActivityFileException.Code"/> "xml-forbidden".
/// </summary>
public sealed class XmlSecurityException : XmlFormatException
{
    public XmlSecurityException(string message, int? line, int? column, long? offset = null, Exception? inner = null)
        : base("xml-forbidden", message, line, column, offset, inner)
    {
    }

    public XmlSecurityException()
        : this("The XML was refused.", null, null)
    {
    }

    public XmlSecurityException(string message)
        : this(message, null, null)
    {
    }

    public XmlSecurityException(string message, Exception innerException)
        : this(message, null, null, null, innerException)
    {
    }
}
