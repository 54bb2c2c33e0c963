namespace RunRecovery.Formats.Xml;

/// <summary>
/// Thrown by <see cref="Utf8XmlReader"/> on anything outside its subset: the caller reads the whole file again with the
/// reference reader, which accepts it or words the error. Never leaves the Formats assembly.
/// </summary>
internal sealed class XmlHandoverException : Exception
{
    public XmlHandoverException()
        : base("Outside the UTF-8 reader's subset; read with the reference reader.")
    {
    }
}
