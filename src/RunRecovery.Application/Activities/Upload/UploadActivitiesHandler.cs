using System.Security.Cryptography;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunRecovery.Analysis;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Formats;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>
/// Parses every file at once, then stores each good one (original bytes, parsed summary, metrics and load
/// inputs) in its own transaction. The runner's scoring row is locked first, so two uploads of the same
/// activity for one runner cannot both pass the duplicate checks. Scoring is enqueued after commit.
/// </summary>
public sealed class UploadActivitiesHandler(RunRecoveryDb db, ScoringRequests scoring, TimeProvider clock, IOptions<UploadOptions> options)
    : ICommandHandler<UploadActivities, UploadResult>
{
    /// <summary>Same activity from another device or format: starts within this of each other…</summary>
    public static readonly TimeSpan SameStartTolerance = TimeSpan.FromSeconds(60);

    /// <summary>…and distances within this share of the longer one.</summary>
    public const double SameDistanceTolerance = 0.03;

    public async ValueTask<UploadResult> Handle(UploadActivities command, CancellationToken cancellationToken)
    {
        var outcomes = new List<FileOutcome>();
        RunnerProfile runner = await ThresholdsAsync(command.RunnerId, cancellationToken);
        foreach (UploadedFile file in command.Files)
        {
            if (file.TooLarge)
            {
                outcomes.Add(Failed(file.FileName, StatusCodes.Status413PayloadTooLarge, new FileError(
                    "too-large", $"{file.FileName ?? "The file"} is larger than the limit of {options.Value.MaxFileBytes} bytes.", null)));
                continue;
            }

            if (file.FileName is { } name && name.Contains('\0', StringComparison.Ordinal))
            {
                // PostgreSQL text cannot hold NUL; the name is the client's label, so the client must fix it.
                outcomes.Add(Failed(name.Replace('\0', '\uFFFD'), StatusCodes.Status400BadRequest, new FileError(
                    "invalid-file-name", "The file name contains a NUL character; send the name without it.", null)));
                continue;
            }

            if (file.Content.IsEmpty)
            {
                outcomes.Add(Failed(file.FileName, StatusCodes.Status400BadRequest, new FileError(
                    "empty-file", $"{file.FileName ?? "The file"} is empty (0 bytes).", null)));
                continue;
            }

            if (ActivityFile.Detect(file.Content.Span) == ContentKind.Zip)
            {
                await UploadArchiveAsync(command.RunnerId, runner, file, outcomes, cancellationToken);
                continue;
            }

            outcomes.Add(await UploadOneAsync(command.RunnerId, runner, file.FileName, file.Content, cancellationToken));
        }

        return new UploadResult(outcomes);
    }

    private async Task UploadArchiveAsync(Guid runnerId, RunnerProfile runner, UploadedFile file, List<FileOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArchiveLimits limits = Limits;
        using var stream = new MemoryStream(file.Content.ToArray(), writable: false);
        int before = outcomes.Count;
        foreach (ArchiveEntry entry in ActivityArchive.Expand(stream, file.FileName ?? "archive.zip", limits))
        {
            if (entry.Error is { } error)
            {
                if (entry.NamedLikeActivity || error.Code.StartsWith("archive", StringComparison.Ordinal))
                {
                    outcomes.Add(Failed(entry.Path, StatusFor(error), new FileError(error.Code, error.Message, error.Offset)));
                }

                continue;
            }

            ContentKind kind = ActivityFile.Detect(entry.Content);
            if (kind is ContentKind.Fit or ContentKind.Gpx or ContentKind.Tcx || entry.NamedLikeActivity)
            {
                outcomes.Add(await UploadOneAsync(runnerId, runner, entry.Path, entry.Content, cancellationToken));
            }
        }

        if (outcomes.Count == before)
        {
            outcomes.Add(Failed(file.FileName, StatusCodes.Status422UnprocessableEntity, new FileError(
                "archive-empty", $"{file.FileName ?? "The archive"} holds no FIT, GPX or TCX file.", null)));
        }
    }

    private async Task<FileOutcome> UploadOneAsync(
        Guid runnerId, RunnerProfile runner, string? fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ParsedActivity parsed;
        try
        {
            parsed = ActivityFile.Read(content, fileName, Limits);
        }
        catch (ActivityFileException error)
        {
            return Failed(fileName, StatusFor(error), new FileError(error.Code, error.Message, error.Offset));
        }

        if (parsed.Error is { } damage)
        {
            return Failed(fileName, StatusCodes.Status422UnprocessableEntity, new FileError(damage.Code, damage.Message, damage.Offset));
        }

        DateTimeOffset now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var analysis = ActivityAnalysis.Of(parsed, runner);
        ActivityMetrics metrics = analysis.Metrics;
        IReadOnlyList<ActivityLoadInput> inputs = analysis.LoadInputs(id.ToString(), fileName);
        byte[] sha256 = SHA256.HashData(content.Span);
        DateTimeOffset? start = parsed.ClockIsDeviceRelative ? null : metrics.StartUtc ?? parsed.StartUtc;
        if (ActivityPlausibility.Check(parsed, start, fileName, now) is { } implausible)
        {
            return Failed(fileName, StatusCodes.Status422UnprocessableEntity, implausible);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        bool jobPending = await scoring.LockAsync(runnerId, cancellationToken);

        var sameFile = await db.Activities.AsNoTracking()
            .Where(activity => activity.RunnerId == runnerId && activity.Sha256 == sha256)
            .Select(activity => (Guid?)activity.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (sameFile is { } fileTwin)
        {
            return Duplicate(fileName, fileTwin, "same-file");
        }

        if (start is { } startUtc && await FindSameActivityAsync(runnerId, startUtc, metrics.DistanceMeters, cancellationToken) is { } twin)
        {
            return Duplicate(fileName, twin, "same-activity");
        }

        var activity = new Activity
        {
            Id = id,
            RunnerId = runnerId,
            Sha256 = sha256,
            FileName = fileName is { Length: > 500 } ? fileName[^500..] : fileName,
            ContentType = ActivityMediaTypes.For(ActivityFile.Detect(content.Span)),
            Format = parsed.Format.ToString().ToLowerInvariant(),
            Sport = parsed.Sport.ToString().ToLowerInvariant(),
            StartUtc = start,
            SortTime = start ?? now,
            DistanceMeters = metrics.DistanceMeters,
            MovingSeconds = metrics.MovingTime?.TotalSeconds,
            ElapsedSeconds = metrics.ElapsedTime?.TotalSeconds,
            SizeBytes = content.Length,
            UploadedAt = now,
            MetricsJson = JsonSerializer.Serialize(metrics, StoredModelJson.Options),
            LoadInputsJson = LoadInputsJson.Serialize(inputs),
            ScoringState = ActivityScoringState.Pending,
        };
        db.Activities.Add(activity);
        db.ActivityContents.Add(new ActivityContent { ActivityId = id, Content = content.ToArray() });
        await db.SaveChangesAsync(cancellationToken);
        await scoring.MarkDirtyAsync(runnerId, start, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        scoring.EnqueueIfNeeded(runnerId, jobPending);
        List<FileError>? warnings = parsed.Warnings.Count == 0 ? null : [.. parsed.Warnings.Select(w => new FileError(w.Code, w.Message, w.Offset))];
        return new FileOutcome(
            fileName, FileOutcome.Created, StatusCodes.Status201Created, ActivitySummary.LinkTo(id), Activity: ActivitySummary.From(activity), Warnings: warnings);
    }

    /// <summary>
    /// The runner's heart-rate thresholds, for time in zones (<see cref="MetricsOptions.For"/>, as the CLI does with
    /// its profile); none when the runner has not set them.
    /// </summary>
    private async Task<RunnerProfile> ThresholdsAsync(Guid runnerId, CancellationToken cancellationToken) =>
        await db.RunnerSettings.AsNoTracking()
            .Where(settings => settings.RunnerId == runnerId)
            .Select(settings => new RunnerProfile { MaxHeartRateBpm = settings.MaxHeartRateBpm, RestingHeartRateBpm = settings.RestingHeartRateBpm })
            .SingleOrDefaultAsync(cancellationToken)
        ?? RunnerProfile.Default;

    /// <summary>Archives sent to the upload expand within the upload's own limits (a club import has larger ones).</summary>
    private ArchiveLimits Limits => ArchiveLimits.Default with
    {
        MaxEntryBytes = options.Value.MaxFileBytes,
        MaxEntries = options.Value.MaxArchiveEntries,
        MaxTotalBytes = options.Value.MaxArchiveExpandedBytes,
    };

    private async Task<Guid?> FindSameActivityAsync(Guid runnerId, DateTimeOffset start, double? distance, CancellationToken cancellationToken)
    {
        DateTimeOffset from = start - SameStartTolerance;
        DateTimeOffset to = start + SameStartTolerance;
        var near = await db.Activities.AsNoTracking()
            .Where(activity => activity.RunnerId == runnerId && activity.StartUtc >= from && activity.StartUtc <= to)
            .Select(activity => new { activity.Id, activity.DistanceMeters })
            .ToListAsync(cancellationToken);
        return near.FirstOrDefault(other => SameDistance(distance, other.DistanceMeters))?.Id;
    }

    /// <summary>Within 3 % of the longer distance; two files without a distance count as the same.</summary>
    public static bool SameDistance(double? a, double? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => Math.Abs(x - y) <= SameDistanceTolerance * Math.Max(Math.Max(x, y), 1),
        _ => false,
    };

    private static int StatusFor(ActivityFileException error) =>
        error.Code == "unsupported-format" ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status422UnprocessableEntity;

    private static FileOutcome Failed(string? fileName, int status, FileError error) =>
        new(fileName, FileOutcome.Failed, status, Error: error);

    private static FileOutcome Duplicate(string? fileName, Guid existing, string reason) =>
        new(fileName, FileOutcome.Duplicate, StatusCodes.Status200OK, ActivitySummary.LinkTo(existing), existing, reason);
}
