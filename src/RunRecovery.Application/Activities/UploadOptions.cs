namespace RunRecovery.Application.Activities;

/// <summary>Limits on uploads, bound from <c>RunRecovery:Uploads</c>.</summary>
public sealed class UploadOptions
{
    public const string Section = "RunRecovery:Uploads";

    /// <summary>Largest file (or raw body) accepted; larger ones answer 413.</summary>
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most files in one multipart request.</summary>
    public int MaxFilesPerRequest { get; set; } = 100;

    /// <summary>Most entries read from one archive sent to the upload (nested entries included); the rest are refused.</summary>
    public int MaxArchiveEntries { get; set; } = 10_000;

    /// <summary>Largest expanded size of all entries of one archive sent to the upload (about 20 times the file limit).</summary>
    public long MaxArchiveExpandedBytes { get; set; } = 1L << 30;

    /// <summary>Upload requests allowed per API key per <see cref="RateLimitWindow"/>; 0 turns the limit off.</summary>
    public int RateLimitPermits { get; set; } = 120;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
