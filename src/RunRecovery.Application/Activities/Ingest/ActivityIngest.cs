using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using RunRecovery.Analysis;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;
using RunRecovery.Formats;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
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
public sealed class ActivityIngest(RunRecoveryDb db, ScoringQueue scoring, ActivityEvents events, TimeProvider clock, IOptions<UploadOptions> options)
{
    /// <summary><see cref="IngestResult.RefusedUnread"/>, then <see cref="Read"/>: for a file that is not an archive.</summary>
    public IngestFile ReadChecked(string? fileName, ReadOnlyMemory<byte> content, RunnerProfile runner) =>
        IngestResult.RefusedUnread(fileName, content) is { } refused ? new IngestFile(refused) : Read(fileName, content, runner);

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
        Read(fileName, () => ActivityFile.Read(content, fileName, options.Value.ExpandLimits()), () => SHA256.HashData(content.Span), runner, content, spooled: null);

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
        return ActivityFile.Read(stream, fileName, options.Value.ExpandLimits());
    }

    private IngestFile Read(
        string? fileName, Func<ParsedActivity> parse, Func<byte[]> hash, RunnerProfile runner, ReadOnlyMemory<byte> content, SpooledContent? spooled)
    {
        ParsedActivity parsed;
        try
        {
            parsed = parse();
        }
        catch (ActivityFileException error) when (error.Partial is { } partial && ActivityPlausibility.Salvageable(partial))
        {
            parsed = partial; // its Error says where the file ends; Read stores what came before, with a warning
        }
        catch (ActivityFileException error)
        {
            return new IngestFile(IngestResult.Refused(fileName, error));
        }

        if (parsed.Error is { } damage && !ActivityPlausibility.Salvageable(parsed))
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
            ? analysis.Metrics with { Warnings = [.. analysis.Metrics.Warnings, new MetricsWarning(cut.Code, FileError.Truncated(cut).Message)] }
            : analysis.Metrics;
        var inputs = analysis.LoadInputs(id.ToString(), fileName);
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

        Activity activity = file.ToActivity(runnerId);
        activity.Name = ActivityNames.For(file.Parsed, activity.Sport, activity.StartUtc, checks.TimeZone);
        db.Activities.Add(activity);
        ActivityContent? content = null;
        if (file.Spooled is null)
        {
            content = new ActivityContent { ActivityId = activity.Id, Content = file.ContentArray() };
            db.ActivityContents.Add(content);
        }

        // The recompute request goes with the inserts: one round trip for the activity, its file and the request.
        RunnerScoring? request = scoring.RequestOnSave(ticket, file.StartUtc);
        await db.SaveChangesAsync(cancellationToken);
        foreach (object saved in new object?[] { activity, content, request }.OfType<object>())
        {
            db.Entry(saved).State = EntityState.Detached; // the caller's context may go on with other work
        }

        if (file.Spooled is { } spooled)
        {
            await StoreSpooledAsync(activity.Id, spooled, cancellationToken);
        }

        if (request is null)
        {
            await scoring.RequestAsync(ticket, file.StartUtc, cancellationToken);
        }

        var summary = ActivitySummary.From(activity);
        ActivityEvent? created = checks.Webhooks
            ? events.New(ActivityEventTypes.Created, runnerId, activity.Id, summary)
            : null;
        return new IngestResult(file.FileName, IngestOutcome.Created, summary, Warnings: file.Warnings()) { Scoring = ticket, Event = created };
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
            [new NpgsqlParameter("id", activityId), new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = bytes }],
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

    private const string DuplicateCandidates =
        $"""
        SELECT a.id, a.sha256 = $2, a.distance_meters FROM {RunRecoveryDb.Schema}.activities AS a
        WHERE a.runner_id = $1 AND (a.sha256 = $2 OR ($3 AND a.start_utc >= $4 AND a.start_utc <= $5))
        """;

    private const string RunnerFacts =
        $"""
        SELECT r.time_zone, EXISTS (SELECT 1 FROM {RunRecoveryDb.Schema}.runner_settings AS s WHERE s.runner_id = $1 AND s.webhook_url IS NOT NULL)
        FROM {RunRecoveryDb.Schema}.runners AS r WHERE r.id = $1
        """;

    /// <summary>
    /// The runner's scoring row lock, then — with it held — the duplicate candidates ("same-file": the same bytes,
    /// else "same-activity": the same start and distance) and the runner's time zone (for the name) and webhook flag
    /// (as <c>ActivityEvents.WantedAsync</c>), sent as one batch: PostgreSQL runs its statements in order, each with a
    /// snapshot of its own under READ COMMITTED, so the reads see every file committed before the lock was granted,
    /// as when they were three round trips. A runner's first file finds no scoring row: the row is created and the
    /// batch sent again.
    /// </summary>
    private async Task<StoreChecks> CheckUnderLockAsync(Guid runnerId, IngestFile file, CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A file is stored inside the caller's transaction."));
        for (int attempt = 0; ; attempt++)
        {
            await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
            {
                BatchCommands = { ScoringQueue.LockCommand(runnerId), DuplicateCommand(runnerId, file), RunnerCommand(runnerId) },
            };
            await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (await ScoringQueue.ReadLockAsync(reader, runnerId, cancellationToken) is not { } ticket)
            {
                await reader.DisposeAsync();
                if (attempt > 0)
                {
                    throw new InvalidOperationException($"The scoring row of runner {runnerId} vanished while a file was stored.");
                }

                await scoring.CreateRowAsync(runnerId, cancellationToken);
                continue;
            }

            await reader.NextResultAsync(cancellationToken);
            (Guid Id, string Reason)? duplicate = null;
            Guid? twin = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                Guid id = reader.GetGuid(0);
                double? distance = await reader.IsDBNullAsync(2, cancellationToken) ? null : reader.GetDouble(2);
                if (reader.GetBoolean(1))
                {
                    duplicate ??= (id, "same-file");
                }
                else if (twin is null && SameActivity.DistancesMatch(file.Metrics.DistanceMeters, distance))
                {
                    twin = id;
                }
            }

            await reader.NextResultAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException($"Runner {runnerId} does not exist.");
            }

            return new StoreChecks(ticket, duplicate ?? (twin is { } other ? (other, "same-activity") : null), reader.GetString(0), reader.GetBoolean(1));
        }
    }

    private static NpgsqlBatchCommand DuplicateCommand(Guid runnerId, IngestFile file)
    {
        DateTimeOffset start = file.StartUtc ?? DateTimeOffset.UnixEpoch;
        return new NpgsqlBatchCommand(DuplicateCandidates)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = runnerId },
                new NpgsqlParameter { Value = file.Sha256, NpgsqlDbType = NpgsqlDbType.Bytea },
                new NpgsqlParameter { Value = file.StartUtc is not null }, // a device-relative clock has no start to compare
                new NpgsqlParameter { Value = start - SameActivity.StartTolerance, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = start + SameActivity.StartTolerance, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
    }

    private static NpgsqlBatchCommand RunnerCommand(Guid runnerId) =>
        new(RunnerFacts) { Parameters = { new NpgsqlParameter { Value = runnerId } } };

    /// <param name="Ticket">The scoring row lock, held to the end of the caller's transaction.</param>
    /// <param name="Duplicate">The stored activity this file repeats, and why; null when it is new.</param>
    private readonly record struct StoreChecks(ScoringTicket Ticket, (Guid Id, string Reason)? Duplicate, string TimeZone, bool Webhooks);
}
