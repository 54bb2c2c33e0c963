using RunRecovery.Formats.Archives;

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

    /// <summary>Activity files parsed at once in this process (<c>ParseGate</c>); 0 (the default) means one per processor.</summary>
    public int ParseConcurrency { get; set; }

    /// <summary>How long a request waits for a parse slot before it is answered 429 with Retry-After.</summary>
    public TimeSpan ParseWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Upload requests this process works on at once (<c>UploadAdmission</c>), counted before the body is read; more
    /// wait in line at most <see cref="AdmissionWait"/>, then are answered 429 with Retry-After (code <c>busy</c>), and
    /// once the line is standing (<see cref="AdmissionTarget"/>, <see cref="AdmissionInterval"/>) are refused at once.
    /// 0 turns the limit off. The default keeps a saturated service below the database pool (100 connections), so a
    /// request is refused rather than left to wait 5 seconds for a connection.
    /// </summary>
    public int MaxInFlightUploads { get; set; } = 48;

    /// <summary>
    /// The longest an upload waits in line for a place when <see cref="MaxInFlightUploads"/> are in flight and the
    /// line is not standing; 0 refuses at once whenever every place is taken. 500 ms: half of the capacity bar's p99 of
    /// 1 s, the other half left for the upload's own work (p99 100–470 ms at the knee, docs/reliability.md).
    /// </summary>
    public TimeSpan AdmissionWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// CoDel's target: a wait in line up to this long is a burst being absorbed. When every wait that ended during
    /// <see cref="AdmissionInterval"/> was longer, the line is standing and the admission sheds (refuses at once an
    /// upload that finds no free place) until a quarter of the interval passes without a refusal.
    /// </summary>
    public TimeSpan AdmissionTarget { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>CoDel's interval: how long waits must stay above <see cref="AdmissionTarget"/> before the admission sheds (a quarter of it without a refusal stops the shedding).</summary>
    public TimeSpan AdmissionInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A file (raw body or form part) larger than this is not held as one array but written to a temporary file as it
    /// arrives (<c>SpooledContent</c>), hashed on the way, read from there and streamed into the database: a 42 MB TCX
    /// no longer holds 42 MB of memory for the whole request (docs/security.md, "Memory per upload").
    /// </summary>
    public long SpoolThresholdBytes { get; set; } = 1L << 20;

    /// <summary>Where spooled uploads are written (each is unlinked at once and lives only as an open handle); empty means the system's temporary folder.</summary>
    public string? SpoolDirectory { get; set; }

    /// <summary>Archives and gzip inside an uploaded file expand within the upload's own limits (a club import's archive has larger ones).</summary>
    public ArchiveLimits ExpandLimits() => ArchiveLimits.Default with
    {
        MaxEntryBytes = MaxFileBytes,
        MaxEntries = MaxArchiveEntries,
        MaxTotalBytes = MaxArchiveExpandedBytes,
        ActivityFilesOnly = true,

        // One runner's upload: real files expand 2–30×; 100 halves what a bomb of small entries costs (docs/security.md).
        MaxRatio = 100,
        MaxArchiveRatio = 100,
    };

    /// <summary>The folder <see cref="SpoolDirectory"/> names, or the system's temporary folder.</summary>
    public string SpoolFolder => string.IsNullOrWhiteSpace(SpoolDirectory) ? Path.GetTempPath() : SpoolDirectory;

    /// <summary>
    /// Memory for parsed stored files kept between reads of <c>/samples</c> and <c>/splits</c> (<c>ParsedActivityCache</c>),
    /// estimated at 88 bytes a sample; 0 turns the cache off.
    /// </summary>
    public long ParsedCacheBytes { get; set; } = 48L << 20;
}
