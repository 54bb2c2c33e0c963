using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Rescoring;
using RunRecovery.Migrations.Migrations;

namespace RunRecovery.Api.Tests.Advice;

/// <summary>
/// Issue 14, point 2: stored queues in the shape before issue 14 (one item per muscle, stretch items, three kinds of
/// hydration item, per-part see-professional items) are grouped by the migration, and the next plan updates the
/// grouped rows in place: no duplicates after the upgrade.
/// </summary>
public sealed class GroupedQueueUpgradeTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_in_todays_shape_are_grouped_and_a_rescore_creates_no_duplicates()
    {
        // A fixed noon (yesterday, so always in the past): the hydration rows below fall on one Berlin day at any
        // hour the suite runs. With the real clock, between 00:00 and 02:00 UTC the baseline item (due two hours
        // before the run's end) fell on the Berlin day before the rehydrate item, and the migration rightly kept
        // two hydration rows, one per day.
        host.Clock.Fixed = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(12), TimeSpan.Zero);
        (Guid runnerId, string key) = await host.CreateRunnerAsync("Europe/Berlin");
        DateTimeOffset end = host.Clock.Fixed.Value.AddHours(-1);
        Guid activity = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(end.AddMinutes(-75), 75, 3.0)));
        await ScoreAsync(runnerId);
        await host.ScalarAsync("DELETE FROM runrecovery.recommendations WHERE runner_id = $1", runnerId);

        // The queue as the engine before issue 14 stored it for this run.
        DateTimeOffset due = end.AddMinutes(30), bed = end.AddHours(8);
        string a = activity.ToString();
        string today = DateOnly.FromDateTime(due.UtcDateTime).ToString("yyyy-MM-dd");
        await InsertAsync(runnerId, $"massage:calves:{a}:post", "massage", ["calves"], "Squeeze and knead the calf.", "hands", 3, due, bed, 60, a);
        await InsertAsync(runnerId, $"massage:quadriceps:{a}:post", "massage", ["quadriceps"], "Kneading with both hands.", "hands", 2, due, bed, 59, a);
        await InsertAsync(runnerId, $"massage:glutes:{a}:post", "massage", ["glutes"], "Knead the buttock muscles.", "hands", 1, due, bed, 58, a);
        await InsertAsync(runnerId, $"massage:calves:{a}:next-day", "massage", ["calves"], "Squeeze and knead the calf.", "hands", 3, due.AddHours(20), bed.AddDays(1), 60, a);
        await InsertAsync(runnerId, $"massage:quadriceps:{a}:next-day", "massage", ["quadriceps"], "Kneading.", "hands", 2, due.AddHours(20), bed.AddDays(1), 59, a);
        await InsertAsync(runnerId, $"stretch:calves+quadriceps:{a}", "stretch", ["calves", "quadriceps"], "Static stretches, hold 10–20 s.", null, 4, due, bed, 35, a);
        await InsertAsync(runnerId, $"hydration:rehydrate:{a}", "hydration", [], "Weigh yourself before and after.", null, 0, end, end.AddHours(6), 55, a);
        await InsertAsync(runnerId, $"hydration:baseline:{today}", "hydration", [], "Drink regularly through the day and to thirst.", null, 0, end.AddHours(-2), bed, 20, null);
        await InsertAsync(runnerId, $"see-professional:shins:{today}", "see-professional", ["shins"], "Please have a physiotherapist look at your shins.", null, 0, end, end.AddDays(3), 100, null);
        await InsertAsync(runnerId, $"see-professional:knees:{today}", "see-professional", ["knees"], "Please have a physiotherapist look at your knees.", null, 0, end, end.AddDays(3), 100, null);
        await InsertAsync(runnerId, $"massage:calves:{a}:post-old-done", "massage", ["calves"], "done before", "hands", 3, due.AddDays(-3), bed.AddDays(-3), 60, a, "done");

        await host.ScalarAsync(AdviceIssue14.GroupOpenItemsSql);

        Assert.Equal(1, await CountAsync(runnerId, $"key = 'massage:post:{a}'"));
        JsonElement steps = JsonDocument.Parse(await TextAsync(runnerId, $"SELECT steps::text FROM runrecovery.recommendations WHERE runner_id = $1 AND key = 'massage:post:{a}'")).RootElement;
        Assert.Equal(["massage calves", "massage quadriceps", "massage glutes", "stretch calves", "stretch quadriceps"],
            steps.EnumerateArray().Select(x => $"{x.GetProperty("action").GetString()} {x.GetProperty("bodyPart").GetString()}"));
        Assert.Equal(10, await host.ScalarAsync($"SELECT duration_minutes FROM runrecovery.recommendations WHERE runner_id = $1 AND key = 'massage:post:{a}'", runnerId));
        Assert.Equal(1, await CountAsync(runnerId, "key LIKE 'massage:follow-up:%'"));
        Assert.Equal(0, await CountAsync(runnerId, "status = 'open' AND (kind = 'stretch' OR key ~ '^massage:[a-z]+:[^:]+:(post|next-day)$')"));
        Assert.Equal(1, await CountAsync(runnerId, "kind = 'hydration'"));
        Assert.Equal(1, await CountAsync(runnerId, "kind = 'see-professional'"));
        Assert.Equal("{knees,shins}", await TextAsync(runnerId, "SELECT array(SELECT unnest(body_parts) ORDER BY 1)::text FROM runrecovery.recommendations WHERE runner_id = $1 AND kind = 'see-professional'"));
        Assert.Equal(1, await CountAsync(runnerId, "status = 'done'")); // history stays as it was

        // The next plan updates the grouped rows in place: one session for the run, no key twice.
        await ScoreAsync(runnerId);
        Assert.Equal(1, await CountAsync(runnerId, $"status = 'open' AND kind = 'massage' AND key LIKE 'massage:post:%' AND '{a}' = ANY (activity_ids)"));
        Assert.Equal(
            await host.ScalarAsync("SELECT count(DISTINCT key) FROM runrecovery.recommendations WHERE runner_id = $1", runnerId),
            await host.ScalarAsync("SELECT count(*) FROM runrecovery.recommendations WHERE runner_id = $1", runnerId));
        Assert.Equal(0, await host.ScalarAsync(
            "SELECT count(*) FROM (SELECT 1 FROM runrecovery.recommendations WHERE runner_id = $1 AND status = 'open' GROUP BY (due_utc AT TIME ZONE 'Europe/Berlin')::date HAVING count(*) > 4) d", runnerId));
    }

    private async Task InsertAsync(Guid runner, string key, string kind, string[] parts, string technique, string? tool, int minutes,
        DateTimeOffset due, DateTimeOffset expires, int priority, string? activity, string status = "open")
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO runrecovery.recommendations (id, runner_id, key, kind, body_parts, technique, tool, duration_minutes, due_utc, expires_utc,
                priority, reasons, sources, activity_id, status, created_at, updated_at, delivery_attempts)
            VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ARRAY['a reason from before'], ARRAY['a source'], $11, $12, now(), now(), 0)
            """, connection);
        foreach (object? value in new object?[] { runner, key, kind, parts, technique, tool, minutes, due, expires, priority, activity, status })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }

    private Task<long> CountAsync(Guid runner, string where) =>
        host.ScalarAsync($"SELECT count(*) FROM runrecovery.recommendations WHERE runner_id = $1 AND {where}", runner);

    private async Task<string> TextAsync(Guid runner, string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = runner });
        return (string)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private Task<ScoreRunnerResult> ScoreAsync(Guid runnerId) =>
        host.InScopeAsync(async services => await services.GetRequiredService<ISender>().Send(new ScoreRunner(runnerId), Cancel));
}
