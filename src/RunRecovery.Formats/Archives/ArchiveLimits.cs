namespace RunRecovery.Formats.Archives;

/// <summary>
/// Bounds on expanding untrusted gzip and ZIP files. Checked on the bytes actually produced, never on sizes
/// the archive declares (a bomb can declare anything).
/// </summary>
public sealed record ArchiveLimits
{
    public static ArchiveLimits Default { get; } = new();

    /// <summary>Largest expanded size of one entry (the largest real activity files are tens of MB).</summary>
    public long MaxEntryBytes { get; init; } = 256L << 20;

    /// <summary>Largest expanded size of all entries of one archive together.</summary>
    public long MaxTotalBytes { get; init; } = 8L << 30;

    /// <summary>
    /// Largest expansion ratio (expanded / compressed) of an entry once it has expanded past
    /// <see cref="RatioFloorBytes"/>. GPX compresses about 10–20×, FIT 2–5×; bombs reach 1000× and more.
    /// </summary>
    public double MaxRatio { get; init; } = 200;

    /// <summary>Entries smaller than this are never refused for their ratio (tiny files compress very well).</summary>
    public long RatioFloorBytes { get; init; } = 1 << 20;

    /// <summary>Deepest nesting of archives inside archives (a Garmin export zip holding zips is depth 2).</summary>
    public int MaxNesting { get; init; } = 4;

    /// <summary>Most entries read from one archive, nested entries included.</summary>
    public int MaxEntries { get; init; } = 200_000;

    /// <summary>
    /// Largest expansion ratio of the archive as a whole: everything expanded from it (nested archives included)
    /// against the archive's own size. Real exports expand 2–5× (FIT) to 10–30× (GPX, TCX); uploads use 100, once past <see cref="RatioFloorBytes"/>. Without it, many entries each just
    /// under the floor (1,000 × 1 MB of zeros in a 1.2 MB ZIP) expand 1 GB without any one of them tripping
    /// <see cref="MaxRatio"/>. Passing it stops the whole archive (<c>archive-too-large</c>).
    /// </summary>
    public double MaxArchiveRatio { get; init; } = 200;

    /// <summary>
    /// True: an entry whose first bytes are not a FIT header, gzip, ZIP or XML text is yielded as an
    /// <c>unsupported-format</c> error after its first <see cref="SniffBytes"/> bytes, without being expanded
    /// (a 1 MB zero-filled "run.fit" costs 512 bytes of inflation, not 1 MB, and is never held or spooled).
    /// False (the default): every entry is expanded and yielded with its content.
    /// </summary>
    public bool ActivityFilesOnly { get; init; }

    /// <summary>How much of an entry is read to decide whether it may be an activity file.</summary>
    public const int SniffBytes = 512;
}
