namespace RunRecovery.Formats.Archives;

/// <summary>What one expansion has used so far, across nested archives: bytes, bytes counted for the ratio, entries.</summary>
internal sealed class ArchiveBudget(ArchiveLimits limits, long? sourceBytes)
{
    public ArchiveLimits Limits { get; } = limits;

    /// <summary>The archive's own size, when known: the base of <see cref="ArchiveLimits.MaxArchiveRatio"/>.</summary>
    public long? SourceBytes { get; set; } = sourceBytes;

    public long TotalBytes { get; set; }

    /// <summary><see cref="TotalBytes"/> less the entries refused for their own ratio.</summary>
    public long RatioBytes { get; set; }

    public int Entries { get; set; }
}
