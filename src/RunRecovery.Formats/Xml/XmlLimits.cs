namespace RunRecovery.Formats.Xml;

/// <summary>
/// Bounds for reading untrusted XML. Defaults are far above anything a real GPX or TCX file needs
/// (the deepest real files nest about 8 levels; the longest text runs are descriptions of a few KB).
/// </summary>
public sealed record XmlLimits
{
    public static XmlLimits Default { get; } = new();

    /// <summary>Deepest element nesting accepted (root = 1).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Longest run of bytes without a '&lt;' (bounds any one attribute value, tag or text node).
    /// Checked on the raw bytes before the XML parser buffers them.
    /// </summary>
    public int MaxMarkupRunBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Most points read from one document: 2,000,000 is 23 days at 1 Hz. Each point costs about 150 bytes in
    /// memory, so this bounds a file of millions of minimal points to about 300 MB.
    /// </summary>
    public int MaxPoints { get; init; } = 2_000_000;

    /// <summary>Largest XML document accepted, in bytes.</summary>
    public long MaxDocumentBytes { get; init; } = 512L << 20;
}
