using System.Runtime.InteropServices;
using System.Text.Json;
using RunRecovery.Analysis;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// A file <see cref="ActivityIngest.Read">read</see> and checked, ready to be stored: what the reader found, its
/// metrics and load inputs, its hash and start. <see cref="Refusal"/> is set instead when the file cannot be stored.
/// </summary>
public sealed class IngestFile
{
    internal IngestFile(IngestResult refusal) => Refusal = refusal;

    internal IngestFile(
        Guid id, string? fileName, ReadOnlyMemory<byte> content, ParsedActivity parsed, ActivityMetrics metrics,
        IReadOnlyList<ActivityLoadInput> inputs, byte[] sha256, DateTimeOffset? startUtc, DateTimeOffset readAt)
    {
        Id = id;
        FileName = fileName;
        Content = content;
        Parsed = parsed;
        Metrics = metrics;
        Inputs = inputs;
        Sha256 = sha256;
        StartUtc = startUtc;
        ReadAt = readAt;
    }

    /// <summary>Why the file is not stored; null when it may be.</summary>
    public IngestResult? Refusal { get; }

    internal Guid Id { get; }

    internal string? FileName { get; }

    internal ReadOnlyMemory<byte> Content { get; }

    /// <summary>A large upload's bytes on disk (<see cref="Content"/> is then empty); stored from there.</summary>
    internal SpooledContent? Spooled { get; init; }

    internal ParsedActivity Parsed { get; } = null!; // set whenever Refusal is null

    internal ActivityMetrics Metrics { get; } = null!;

    internal IReadOnlyList<ActivityLoadInput> Inputs { get; } = [];

    /// <summary>The file's sport as the model has it (the analysis's, from the file's sport word).</summary>
    internal Sport Sport { get; init; }

    /// <summary>The sessions of a multi-session file, each with its own sport and totals; none for one session.</summary>
    internal IReadOnlyList<ActivitySessionSummary> Sessions { get; init; } = [];

    internal byte[] Sha256 { get; } = [];

    /// <summary>Null when the file has no calendar start (a device-relative clock).</summary>
    internal DateTimeOffset? StartUtc { get; }

    /// <summary>When it was read: the activity's upload time and the clock its id is made from.</summary>
    internal DateTimeOffset ReadAt { get; }

    /// <summary>The reader's warnings, and the cut of a file that ends early; null when there are none.</summary>
    internal IReadOnlyList<FileError>? Warnings()
    {
        List<FileError> warnings = [.. Parsed.Warnings.Select(w => new FileError(w.Code, w.Message, w.Offset))];
        if (Parsed.Error is { } cut)
        {
            warnings.Add(FileError.Truncated(cut));
        }

        return warnings.Count == 0 ? null : warnings;
    }

    /// <summary>The bytes as an array: the upload's own when it is one whole array (never written to), else a copy.</summary>
    internal byte[] ContentArray() =>
        MemoryMarshal.TryGetArray(Content, out ArraySegment<byte> bytes) && bytes.Offset == 0 && bytes.Count == bytes.Array!.Length // an array when TryGetArray is true
            ? bytes.Array
            : Content.ToArray();

    /// <summary>The runner's new activity row for this file, its scoring pending (the name is set by the caller).</summary>
    internal Activity ToActivity(Guid runnerId) => new()
    {
        Id = Id,
        RunnerId = runnerId,
        Sha256 = Sha256,
        FileName = FileName is { Length: > 500 } name ? name[^500..] : FileName,
        ContentType = ActivityMediaTypes.For(ActivityFile.Detect(Spooled is { } spooled ? spooled.Head : Content.Span)),
        Format = Parsed.Format.ToString().ToLowerInvariant(),
        Sport = RecordingMapper.Name(Sport),
        StartUtc = StartUtc,
        SortTime = StartUtc ?? ReadAt,
        DistanceMeters = Metrics.DistanceMeters,
        MovingSeconds = Metrics.MovingTime?.TotalSeconds,
        ElapsedSeconds = Metrics.ElapsedTime?.TotalSeconds,
        SizeBytes = Spooled is { } large ? checked((int)large.Length) : Content.Length, // at most UploadOptions.MaxFileBytes
        UploadedAt = ReadAt,
        MetricsJson = JsonSerializer.Serialize(Metrics, StoredModelJson.Options),
        SessionsJson = ActivitySessionSummary.Serialize(Sessions),
        LoadInputsJson = LoadInputsJson.Serialize(Inputs),
        ScoringState = ActivityScoringState.Pending,
    };
}
