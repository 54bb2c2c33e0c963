using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using RunRecovery.Analysis;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;
using RunRecovery.Formats;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Metrics;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>
/// The one way an activity file becomes a stored activity, for the upload and the club import alike:
/// <see cref="Read"/> parses it and checks its plausibility (no database), <see cref="StoreAsync"/> — inside the
/// caller's transaction — locks the runner's scoring row, looks for duplicates, stores the original bytes, summary,
/// metrics and load inputs, and requests a recompute; <see cref="AfterCommit"/> enqueues the recompute once the
/// caller has committed. The scoring row lock serialises one runner's files, so two copies of one activity
/// cannot both pass the duplicate checks.
/// </summary>
public sealed partial class ActivityIngest(RunRecoveryDb db, ScoringQueue scoring, ActivityEvents events, TimeProvider clock, IOptions<UploadOptions> options)
{
    /// <summary>Same activity from another device or format: starts within this of each other…</summary>
    public static readonly TimeSpan SameStartTolerance = TimeSpan.FromSeconds(60);

    /// <summary>…and distances within this share of the longer one.</summary>
    public const double SameDistanceTolerance = 0.03;

    /// <summary>Archives and gzip inside a file expand within the upload's own limits (a club import's archive has larger ones).</summary>
    public ArchiveLimits Limits => ArchiveLimits.Default with
    {
        MaxEntryBytes = options.Value.MaxFileBytes,
        MaxEntries = options.Value.MaxArchiveEntries,
        MaxTotalBytes = options.Value.MaxArchiveExpandedBytes,
        ActivityFilesOnly = true,

        // One runner's upload: real files expand 2–30×; 100 halves what a bomb of small entries costs (docs/security.md).
        MaxRatio = 100,
        MaxArchiveRatio = 100,
    };

    /// <summary>Refuses, before anything is read, a file whose name cannot be stored or that has no bytes.</summary>
    public static IngestResult? Refuse(string? fileName, ReadOnlyMemory<byte> content)
    {
        if (fileName is { } name && name.Contains('\0', StringComparison.Ordinal))
        {
            // PostgreSQL text cannot hold NUL; the name is the client's label, so the client must fix it.
            return IngestResult.Refused(name.Replace('\0', '\uFFFD'), IngestOutcome.InvalidName, new FileError(
                "invalid-file-name", "The file name contains a NUL character; send the name without it.", null));
        }

        return content.IsEmpty
            ? IngestResult.Refused(fileName, IngestOutcome.Empty, new FileError("empty-file", $"{fileName ?? "The file"} is empty (0 bytes).", null))
            : null;
    }

    /// <summary><see cref="Refuse"/>, then <see cref="Read"/>: for a file that is not an archive.</summary>
    public IngestFile ReadChecked(string? fileName, ReadOnlyMemory<byte> content, RunnerProfile runner) =>
        Refuse(fileName, content) is { } refused ? new IngestFile(refused) : Read(fileName, content, runner);

    /// <summary>
    /// The runner's heart-rate thresholds, for time in zones (<see cref="MetricsOptions.For"/>, as the CLI does with
    /// its profile); none when the runner has not set them.
    /// </summary>
    public async Task<RunnerProfile> ThresholdsAsync(Guid runnerId, CancellationToken cancellationToken) =>
        await db.RunnerSettings.AsNoTracking()
            .Where(settings => settings.RunnerId == runnerId)
            .Select(settings => new RunnerProfile { MaxHeartRateBpm = settings.MaxHeartRateBpm, RestingHeartRateBpm = settings.RestingHeartRateBpm })
            .SingleOrDefaultAsync(cancellationToken)
        ?? RunnerProfile.Default;

    /// <summary>
    /// Parses the file, computes its metrics (with the runner's thresholds) and load inputs and checks that it is a
    /// plausible activity. No database.
    /// </summary>
    public IngestFile Read(string? fileName, ReadOnlyMemory<byte> content, RunnerProfile runner) =>
        Read(fileName, () => ActivityFile.Read(content, fileName, Limits), () => SHA256.HashData(content.Span), runner, content, spooled: null);

    /// <summary>As <see cref="Read(string?, ReadOnlyMemory{byte}, RunnerProfile)"/> for a large upload spooled to disk:
    /// GPX and TCX are parsed from the spool as a stream, the hash is the one taken while the bytes arrived.</summary>
    public IngestFile Read(string? fileName, SpooledContent content, RunnerProfile runner)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Read(fileName, () => ReadSpooled(content, fileName), () => content.Sha256, runner, ReadOnlyMemory<byte>.Empty, content);
    }

    private ParsedActivity ReadSpooled(SpooledContent content, string? fileName)
    {
        using Stream stream = content.OpenRead();
        return ActivityFile.Read(stream, fileName, Limits);
    }

    private IngestFile Read(
        string? fileName, Func<ParsedActivity> parse, Func<byte[]> hash, RunnerProfile runner, ReadOnlyMemory<byte> content, SpooledContent? spooled)
    {
        ParsedActivity parsed;
        try
        {
            parsed = parse();
        }
        catch (ActivityFileException error) when (error.Partial is { } partial && Salvageable(partial))
        {
            parsed = partial; // its Error says where the file ends; Read stores what came before, with a warning
        }
        catch (ActivityFileException error)
        {
            return new IngestFile(IngestResult.Refused(fileName, OutcomeOf(error), new FileError(error.Code, error.Message, error.Offset)));
        }

        if (parsed.Error is { } damage && !Salvageable(parsed))
        {
            return new IngestFile(IngestResult.Refused(fileName, IngestOutcome.Unreadable, new FileError(damage.Code, damage.Message, damage.Offset)));
        }

        parsed = ActivityPlausibility.Clean(parsed);
        DateTimeOffset now = clock.GetUtcNow();
        if (ActivityPlausibility.Check(parsed, parsed.ClockIsDeviceRelative ? null : parsed.StartUtc, fileName, now) is { } early)
        {
            // Before the analysis: a file refused for what it states (a 12-day recording) costs no metrics or load inputs.
            return new IngestFile(IngestResult.Refused(fileName, early.Outcome, early.Error));
        }

        var id = Guid.CreateVersion7(now);
        var analysis = ActivityAnalysis.Of(parsed, runner);
        ActivityMetrics metrics = parsed.Error is { } cut
            ? analysis.Metrics with { Warnings = [.. analysis.Metrics.Warnings, new MetricsWarning(cut.Code, TruncatedMessage(cut))] }
            : analysis.Metrics;
        IReadOnlyList<ActivityLoadInput> inputs = analysis.LoadInputs(id.ToString(), fileName);
        byte[] sha256 = hash();
        DateTimeOffset? start = parsed.ClockIsDeviceRelative ? null : metrics.StartUtc ?? parsed.StartUtc;
        if (ActivityPlausibility.Check(parsed, start, fileName, now) is { } implausible)
        {
            return new IngestFile(IngestResult.Refused(fileName, implausible.Outcome, implausible.Error));
        }

        return new IngestFile(id, fileName, content, parsed, metrics, inputs, sha256, start, now)
        {
            Sport = analysis.Recording.Sport,
            Sessions = ActivitySessionSummary.From(analysis),
            Spooled = spooled,
        };
    }

    /// <summary>The bytes as an array: the upload's own when it is one whole array (never written to), else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out ArraySegment<byte> bytes) && bytes.Offset == 0 && bytes.Count == bytes.Array!.Length // an array when TryGetArray is true
            ? bytes.Array
            : content.ToArray();

    /// <summary>
    /// Stores a file <see cref="Read"/> accepted, inside the caller's transaction (which it requires): created, or a
    /// duplicate of what the runner already has. The caller commits, then calls <see cref="AfterCommit"/>.
    /// </summary>
    public async Task<IngestResult> StoreAsync(Guid runnerId, IngestFile file, CancellationToken cancellationToken)
    {
        if (file.Refusal is not null)
        {
            throw new ArgumentException("The file was refused; only a file Read accepted can be stored.", nameof(file));
        }

        StoreChecks checks = await CheckUnderLockAsync(runnerId, file, cancellationToken);
        ScoringTicket ticket = checks.Ticket;
        if (checks.Duplicate is { } duplicate)
        {
            return new IngestResult(file.FileName, IngestOutcome.Duplicate, DuplicateOf: duplicate.Id, DuplicateReason: duplicate.Reason);
        }

        Activity activity = NewActivity(runnerId, file);
        activity.Name = ActivityNames.For(file.Parsed, activity.Sport, activity.StartUtc, checks.TimeZone);
        db.Activities.Add(activity);
        ActivityContent? content = null;
        if (file.Spooled is null)
        {
            content = new ActivityContent { ActivityId = activity.Id, Content = WholeArray(file.Content) };
            db.ActivityContents.Add(content);
        }

        // The recompute request goes with the inserts: one round trip for the activity, its file and the request.
        RunnerScoring? request = scoring.RequestOnSave(ticket, file.StartUtc);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(activity).State = EntityState.Detached; // the caller's context may go on with other work
        if (content is not null)
        {
            db.Entry(content).State = EntityState.Detached;
        }
        else
        {
            await StoreSpooledAsync(activity.Id, file.Spooled!, cancellationToken); // set when content is null
        }

        if (request is not null)
        {
            db.Entry(request).State = EntityState.Detached;
        }
        else
        {
            await scoring.RequestAsync(ticket, file.StartUtc, cancellationToken);
        }

        List<FileError> warnings = [.. file.Parsed.Warnings.Select(w => new FileError(w.Code, w.Message, w.Offset))];
        if (file.Parsed.Error is { } cut)
        {
            warnings.Add(new FileError(cut.Code, TruncatedMessage(cut), cut.Offset));
        }

        var summary = ActivitySummary.From(activity);
        ActivityEvent? created = checks.Webhooks
            ? events.New(ActivityEventTypes.Created, runnerId, activity.Id, summary)
            : null;
        return new IngestResult(file.FileName, IngestOutcome.Created, summary, Warnings: warnings.Count == 0 ? null : warnings) { Scoring = ticket, Event = created };
    }

    /// <summary>
    /// The bytes of a spooled upload, streamed from the spool into <c>activity_contents</c> (Npgsql writes a stream
    /// parameter through its own buffer): the same row EF writes for a small file, without a whole-file array.
    /// </summary>
    private async Task StoreSpooledAsync(Guid activityId, SpooledContent spooled, CancellationToken cancellationToken)
    {
        await using Stream bytes = spooled.OpenRead();
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {RunRecoveryDb.Schema}.activity_contents (activity_id, content) VALUES (@id, @content)",
            [new NpgsqlParameter("id", activityId), new NpgsqlParameter("content", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = bytes }],
            cancellationToken);
    }

    /// <summary>
    /// Once the caller's transaction has committed: enqueues the recompute a created activity requested (unless one
    /// was waiting) and its <c>activity.created</c> webhook event.
    /// </summary>
    public void AfterCommit(IngestResult result)
    {
        if (result.Scoring is { } ticket)
        {
            scoring.EnqueueIfNeeded(ticket);
        }

        if (result.Event is { } created)
        {
            events.Enqueue(created);
        }
    }

    private static Activity NewActivity(Guid runnerId, IngestFile file) => new()
    {
        Id = file.Id,
        RunnerId = runnerId,
        Sha256 = file.Sha256,
        FileName = file.FileName is { Length: > 500 } name ? name[^500..] : file.FileName,
        ContentType = ActivityMediaTypes.For(ActivityFile.Detect(file.Spooled is { } spooled ? spooled.Head : file.Content.Span)),
        Format = file.Parsed.Format.ToString().ToLowerInvariant(),
        Sport = RecordingMapper.Name(file.Sport),
        StartUtc = file.StartUtc,
        SortTime = file.StartUtc ?? file.ReadAt,
        DistanceMeters = file.Metrics.DistanceMeters,
        MovingSeconds = file.Metrics.MovingTime?.TotalSeconds,
        ElapsedSeconds = file.Metrics.ElapsedTime?.TotalSeconds,
        SizeBytes = file.Spooled is { } large ? checked((int)large.Length) : file.Content.Length, // at most UploadOptions.MaxFileBytes
        UploadedAt = file.ReadAt,
        MetricsJson = JsonSerializer.Serialize(file.Metrics, StoredModelJson.Options),
        SessionsJson = ActivitySessionSummary.Serialize(file.Sessions),
        LoadInputsJson = LoadInputsJson.Serialize(file.Inputs),
        ScoringState = ActivityScoringState.Pending,
    };
}
