using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Application.Rescoring;

/// <summary>The recompute's reads: the stored row versions and load inputs of one runner, inside its transaction.</summary>
public sealed partial class ScoreRunnerHandler
{
    /// <summary>The runner's activities in the load model (a start, not excluded), each with its row version (<c>xmin</c>:
    /// any write to the row changes it).</summary>
    private async Task<Dictionary<Guid, long>> StoredVersionsAsync(Guid runnerId, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<Guid, long>();
        await using DbCommand command = Command(
            $"SELECT id, xmin::text::bigint FROM {RunRecoveryDb.Schema}.activities WHERE runner_id = @runner AND start_utc IS NOT NULL AND NOT exclude_from_load",
            runnerId);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return versions;
    }

    /// <summary>The load inputs of <paramref name="keys"/> (null: every activity in the load model), with their row versions.</summary>
    private async Task<List<StoredLoadInputs>> ReadInputsAsync(Guid runnerId, IReadOnlyCollection<Guid>? keys, CancellationToken cancellationToken)
    {
        var read = new List<StoredLoadInputs>();
        if (keys is { Count: 0 })
        {
            return read;
        }

        string sql = $"SELECT id, xmin::text::bigint, load_inputs::text FROM {RunRecoveryDb.Schema}.activities WHERE runner_id = @runner AND start_utc IS NOT NULL AND NOT exclude_from_load"
            + (keys is null ? "" : " AND id = ANY(@ids)");
        await using DbCommand command = Command(sql, runnerId);
        if (keys is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. keys]));
        }

        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read.Add(new StoredLoadInputs(reader.GetGuid(0), reader.GetInt64(1), LoadInputsJson.Deserialize(reader.GetString(2))));
        }

        return read;
    }

    private DbCommand Command(string sql, Guid runnerId)
    {
        DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        command.Parameters.Add(new NpgsqlParameter<Guid>("runner", runnerId));
        return command;
    }
}
