using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

namespace RunRecovery.Application.Activities.Ingest;

/// <summary>What <see cref="ActivityIngest.StoreAsync"/> reads under the scoring row lock, in one round trip.</summary>
public sealed partial class ActivityIngest
{
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
                else if (twin is null && SameDistance(file.Metrics.DistanceMeters, distance))
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
                new NpgsqlParameter { Value = start - SameStartTolerance, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new NpgsqlParameter { Value = start + SameStartTolerance, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
    }

    private static NpgsqlBatchCommand RunnerCommand(Guid runnerId) =>
        new(RunnerFacts) { Parameters = { new NpgsqlParameter { Value = runnerId } } };

    /// <param name="Ticket">The scoring row lock, held to the end of the caller's transaction.</param>
    /// <param name="Duplicate">The stored activity this file repeats, and why; null when it is new.</param>
    private readonly record struct StoreChecks(ScoringTicket Ticket, (Guid Id, string Reason)? Duplicate, string TimeZone, bool Webhooks);
}
