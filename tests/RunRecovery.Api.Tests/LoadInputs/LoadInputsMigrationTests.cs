using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Rescoring;
using RunRecovery.Migrations;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Recordings;

namespace RunRecovery.Api.Tests.LoadInputs;

/// <summary>
/// The migration's conversion of activities.load_inputs, on rows written in version 1 by release 2934a3a
/// (Version1/), in the real database.
/// </summary>
public sealed class LoadInputsMigrationTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Version_1_rows_become_what_version_2_writes_and_score_exactly_as_before()
    {
        (Guid runnerId, Guid[] ids) = await RunnerWithVersion1RowsAsync();
        await ScoreAsync(runnerId);
        string scoresBefore = await ScoresAsync(runnerId);

        await ExecuteAsync(LoadInputsConversion.ToVersion2);

        for (int i = 0; i < ids.Length; i++)
        {
            string version1 = LoadInputsFixtures.Version1(LoadInputsFixtures.Version1Names[i]);
            IReadOnlyList<ActivityLoadInput> expected = LoadInputsJson.Deserialize(version1);
            Assert.Equal(2, await host.ScalarAsync("SELECT (load_inputs::jsonb ->> 'version')::int FROM runrecovery.activities WHERE id = $1", ids[i]));
            Assert.Equal(
                1,
                await host.ScalarAsync(
                    "SELECT count(*) FROM runrecovery.activities WHERE id = $1 AND load_inputs::jsonb = $2::jsonb", ids[i], LoadInputsJson.Serialize(expected)));
            Assert.Equal(Parts(expected), Parts(LoadInputsJson.Deserialize(await LoadInputsTextAsync(ids[i]))));
        }

        string converted = await AllLoadInputsAsync(runnerId);
        await ExecuteAsync(LoadInputsConversion.ToVersion2);
        Assert.Equal(converted, await AllLoadInputsAsync(runnerId));

        await ScoreAsync(runnerId);
        Assert.Equal(scoresBefore, await ScoresAsync(runnerId));
    }

    [Fact]
    public async Task Rolling_back_to_version_1_and_forward_again_keeps_what_the_load_model_reads()
    {
        (Guid runnerId, Guid[] ids) = await RunnerWithVersion1RowsAsync();
        await ExecuteAsync(LoadInputsConversion.ToVersion2);
        string version2 = await AllLoadInputsAsync(runnerId);

        await ExecuteAsync(LoadInputsConversion.ToVersion1);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND jsonb_typeof(load_inputs::jsonb) <> 'array'", runnerId));
        foreach (Guid id in ids)
        {
            string text = await LoadInputsTextAsync(id);
            Assert.Equal(Parts(LoadInputsJson.Deserialize(text)), Parts(LoadInputsJson.Deserialize(version2Of(id))));
        }

        // Forward again: the same inputs (times come back in UTC, the same instants).
        await ExecuteAsync(LoadInputsConversion.ToVersion2);
        foreach (Guid id in ids)
        {
            Assert.Equal(Parts(LoadInputsJson.Deserialize(version2Of(id))), Parts(LoadInputsJson.Deserialize(await LoadInputsTextAsync(id))));
        }

        string version2Of(Guid id) => version2.Split('\n').Single(line => line.StartsWith(id.ToString(), StringComparison.Ordinal))[37..];
    }

    /// <summary>A runner with three uploaded activities whose load inputs are then replaced by the version-1 rows.</summary>
    private async Task<(Guid RunnerId, Guid[] Ids)> RunnerWithVersion1RowsAsync()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync("Europe/Ljubljana");
        var ids = new Guid[LoadInputsFixtures.Version1Names.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30 + (24 * i)), 20)));
            await ExecuteAsync(
                "UPDATE runrecovery.activities SET load_inputs = $2::jsonb WHERE id = $1", ids[i], LoadInputsFixtures.Version1(LoadInputsFixtures.Version1Names[i]));
        }

        Assert.Equal(ids.Length, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND jsonb_typeof(load_inputs::jsonb) = 'array'", runnerId));
        return (runnerId, ids);
    }

    private Task<ScoreRunnerResult> ScoreAsync(Guid runnerId) =>
        host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));

    private Task<string> ScoresAsync(Guid runnerId) => TextAsync(
        "SELECT string_agg(id || ' ' || scoring_state || ' ' || coalesce(loads::text, '-') || ' ' || coalesce(recovery_hours::text, '-'), E'\\n' ORDER BY id) FROM runrecovery.activities WHERE runner_id = $1",
        runnerId);

    private Task<string> AllLoadInputsAsync(Guid runnerId) => TextAsync(
        "SELECT string_agg(id || ' ' || load_inputs::text, E'\\n' ORDER BY id) FROM runrecovery.activities WHERE runner_id = $1", runnerId);

    private Task<string> LoadInputsTextAsync(Guid id) =>
        TextAsync("SELECT load_inputs::text FROM runrecovery.activities WHERE id = $1", id);

    private static IEnumerable<string> Parts(IReadOnlyList<ActivityLoadInput> inputs) =>
        inputs.Select(input => string.Join(
            ";",
            input with { Samples = [] },
            string.Join(",", input.Samples.Select(s => (s.Time.UtcTicks, s.HeartRateBpm, s.AltitudeMeters, s.DistanceMeters)))));

    private async Task<string> TextAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (object parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }
}
