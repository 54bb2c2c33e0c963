namespace RunRecovery.Application.Imports;

/// <summary>Club import settings (section <c>RunRecovery:Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "RunRecovery:Imports";

    /// <summary>Largest archive accepted; bigger uploads are cut off with 413 as soon as they pass it.</summary>
    public long MaxArchiveBytes { get; set; } = 2L << 30;

    /// <summary>
    /// Where uploaded archives wait for the job (relative paths are under the working directory). API and worker
    /// processes must share it (a volume in compose). An archive is deleted when its import ends.
    /// </summary>
    public string StorageDirectory { get; set; } = Path.Combine(".runrecovery", "imports");

    /// <summary>Most entries read from one archive, nested entries included.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Largest expanded size of one entry.</summary>
    public long MaxEntryBytes { get; set; } = 64L << 20;

    /// <summary>Largest expanded size of the whole archive, nested archives included.</summary>
    public long MaxTotalBytes { get; set; } = 16L << 30;

    /// <summary>Largest expansion ratio of one entry once past 1 MB.</summary>
    public double MaxRatio { get; set; } = 200;

    /// <summary>Deepest nesting of archives: the club archive is 1, a member's export zip inside it is 2.</summary>
    public int MaxNesting { get; set; } = 2;

    /// <summary>Per-file problems kept in full on the import (counts are always exact).</summary>
    public int MaxReportedProblems { get; set; } = 1_000;

    /// <summary>How often a running import records its heartbeat and looks for a cancel request.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Members whose files are stored at the same time (one lane each; one member's files are always in order).</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>
    /// True (the default): the import job expands the archive and hands each member's files to a job of their own
    /// (<c>ImportMemberJob</c>), so every worker process stores files. False: the import job stores them itself, on
    /// <see cref="Parallelism"/> lanes in one process.
    /// </summary>
    public bool FanOut { get; set; } = true;

    /// <summary>
    /// Fanned out: most files one member job stores. A member's files are handed out as jobs of at most this many files
    /// each (in archive order), so one member's files spread over the workers instead of ending the import on one of
    /// them (docs/reliability.md, "Scale-out", seventh pass, for the default of 25).
    /// </summary>
    public int MemberJobFiles { get; set; } = 25;

    /// <summary>
    /// Fanned out: how many members' jobs are interleaved in the queue. Members are handed out in groups of this many
    /// (and what is left at the walk's end): the first job of each member of the group, then the second of each, and
    /// so on. So the jobs workers take at once are mostly different members', which do not wait on each other (one
    /// member's files are stored one at a time: the duplicate checks hold the member's scoring row), while each group's
    /// members are done, and scored, before the next group's. The default of 8 is the assumption that no more than 8
    /// job threads take jobs at once (4 workers of 2 threads; docs/reliability.md, "Scale-out", seventh pass).
    /// </summary>
    public int MemberJobsInterleaved { get; set; } = 8;

    /// <summary>
    /// Bytes one club may hold in this storage for imports that have not finished: their archives as uploaded plus
    /// the activity files expanded from them into spools (<see cref="ClubStorage"/>). Any account can create a club,
    /// so without it a few archives could fill the disk. A new import that would pass it answers 429
    /// <c>club-storage-full</c> (Retry-After: the club's running imports free their bytes when they end); a running
    /// import that reaches it stops, and fails with that code (the files spooled before it are still imported).
    /// </summary>
    public long MaxClubStorageBytes { get; set; } = 4L << 30;

    /// <summary>A fanned-out import's files as expanded, waiting for the member jobs: a folder next to the archive (<c>ImportSpool</c>).</summary>
    public string SpoolPath(Guid importId) =>
        Path.Combine(Path.GetFullPath(StorageDirectory), $"{importId:N}.spool");

    public string StoragePath(Guid importId) =>
        Path.Combine(Path.GetFullPath(StorageDirectory), $"{importId:N}.zip");
}
