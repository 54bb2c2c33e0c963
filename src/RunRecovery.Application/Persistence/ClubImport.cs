namespace RunRecovery.Application.Persistence;

/// <summary>One bulk import of a club archive: its state and times. Each entry's outcome is a <see cref="ClubImportEntry"/> row; the counts are counted from those.</summary>
public sealed class ClubImport
{
    public Guid Id { get; set; }

    public Guid ClubId { get; set; }

    public Guid CreatedBy { get; set; }

    public string FileName { get; set; } = "";

    public long SizeBytes { get; set; }

    public string State { get; set; } = ImportState.Queued;

    /// <summary>Set by DELETE; the job stops between two entries and the state becomes cancelled.</summary>
    public bool CancelRequested { get; set; }

    /// <summary>Why the whole import failed or stopped early (a limit, an unreadable archive).</summary>
    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>"folders" or "manifest", once the job has looked.</summary>
    public string? Layout { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Last time the job recorded progress; an import running with an old heartbeat is resumed by the sweeper.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>How many times a job has started on this import (more than one after a crash or restart).</summary>
    public int Attempts { get; set; }
}
