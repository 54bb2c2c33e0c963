namespace RunRecovery.Formats;

/// <summary>What a file's first bytes say it is (never its name).</summary>
public enum ContentKind
{
    Unknown,
    Fit,
    Gpx,
    Tcx,
    Gzip,
    Zip,

    /// <summary>XML whose prolog holds a DOCTYPE: refused before parsing (entity expansion, external entities).</summary>
    XmlWithDtd,

    /// <summary>Well-formed-looking XML whose root is neither gpx nor TrainingCenterDatabase.</summary>
    OtherXml,
}
