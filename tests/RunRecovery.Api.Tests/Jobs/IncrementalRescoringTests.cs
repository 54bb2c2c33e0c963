using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Scoring.Load;
using RunRecovery.Scoring.Planning;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>
/// Incremental rescoring against the real database (docs/reliability.md, "Incremental rescoring"; issue 18 point 3):
/// the history a process remembers after a recompute is kept even when an upload landed during the recompute, with
/// the versions it read, so the next recompute appends instead of rebuilding; and whatever interleaves with the
/// recomputes (an upload, a sport patch or a delete between a recompute's read and its write, another process's
/// recompute, a restart, an older run uploaded late), the plan the remembered history gives equals the plan built from
/// scratch from the stored rows, and the stored loads equal the from-scratch loads whenever no recompute is owed,
/// checked after every step.
/// </summary>
public sealed class IncrementalRescoringTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DateTimeOffset _asOf = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private int _runs;

    private IOptions<ScoringOptions> Scoring => Options.Create(new ScoringOptions { PlanAsOfUtc = _asOf });

    [Fact]
    public async Task The_remembered_history_gives_the_plan_from_scratch_while_uploads_patches_deletes_other_processes_and_restarts_interleave()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        var processA = new RunnerHistoryCache(Scoring);
        using var processB = new RunnerHistoryCache(Scoring);
        var checks = new Checks();
        try
        {
            // 1. Three runs, the first recompute: nothing remembered, a rebuild.
            List<Guid> ids = [await UploadAsync(key), await UploadAsync(key), await UploadAsync(key)];
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal((0, 1), (processA.Appends, processA.Rebuilds));

            // 2. A newer run: appended to the remembered history.
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal((1, 1), (processA.Appends, processA.Rebuilds));

            // 3. A newer run uploaded between the recompute's read and its write: the entry is kept with the versions the
            // recompute read, and the next recompute (the job that upload enqueued) appends the run.
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processA, async () => ids.Add(await UploadAsync(key)));
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.True(await OwedAsync(runnerId)); // the landed upload asked for a recompute
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal((3, 1), (processA.Appends, processA.Rebuilds));

            // 4. An older run's sport patched between the read and the write (its inputs change): the next recompute
            // finds the row in another version than remembered and rebuilds.
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processA, async () => await PatchSportAsync(key, ids[1], "cycling"));
            await CheckAsync(runnerId, checks, processA, processB);
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal((4, 2), (processA.Appends, processA.Rebuilds));

            // 5. An older run deleted between the read and the write, with a newer upload landing too: a rebuild next.
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processA, async () =>
            {
                await DeleteAsync(key, ids[2]);
                ids.Add(await UploadAsync(key));
            });
            await CheckAsync(runnerId, checks, processA, processB);
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal((5, 3), (processA.Appends, processA.Rebuilds));

            // 6. Another process scores the runner (its own memory, so a rebuild there), with an upload landing during
            // its recompute; then this process and that one take turns.
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processB, async () => ids.Add(await UploadAsync(key)));
            await CheckAsync(runnerId, checks, processA, processB);
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processB);
            await CheckAsync(runnerId, checks, processA, processB);
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processA, async () => ids.Add(await UploadAsync(key)));
            await CheckAsync(runnerId, checks, processA, processB);
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);

            // 7. An older run uploaded late: a rebuild (its date is before what was kept).
            long rebuilds = processA.Rebuilds;
            await UploadAsync(key, _asOf.AddDays(-39));
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal(rebuilds + 1, processA.Rebuilds);

            // 8. The process restarts (nothing remembered): a rebuild, then appends again, racing uploads included.
            processA.Dispose();
            processA = new RunnerHistoryCache(Scoring);
            ids.Add(await UploadAsync(key));
            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            for (int i = 0; i < 3; i++)
            {
                ids.Add(await UploadAsync(key));
                await RecomputeAsync(runnerId, processA, async () => ids.Add(await UploadAsync(key)));
                await CheckAsync(runnerId, checks, processA, processB);
            }

            await RecomputeAsync(runnerId, processA);
            await CheckAsync(runnerId, checks, processA, processB);
            Assert.Equal((4, 1), (processA.Appends, processA.Rebuilds)); // after the restart: one rebuild, every racing upload appended
        }
        finally
        {
            processA.Dispose();
        }

        // Judged over the whole sequence, not one snapshot: the remembered plans were compared many times, and the stored
        // loads every time nothing was owed.
        Assert.True(checks.RememberedPlans >= 20, $"remembered plans compared: {checks.RememberedPlans}");
        Assert.True(checks.StoredLoads >= 10, $"stored loads compared: {checks.StoredLoads}");
    }

    private sealed class Checks
    {
        public int RememberedPlans { get; set; }

        public int StoredLoads { get; set; }
    }

    /// <summary>
    /// After every step: for each process whose remembered history the next recompute would trust (same profile, every
    /// remembered row in the remembered version), the plan and the new activities' loads it gives equal those built
    /// from scratch from every stored row; and when no recompute is owed, every stored load equals the from-scratch one.
    /// </summary>
    private async Task CheckAsync(Guid runnerId, Checks checks, params RunnerHistoryCache[] processes)
    {
        (RunnerPlanInputs inputs, Dictionary<Guid, long> versions) = await host.InScopeAsync(async services =>
        {
            RunRecoveryDb db = services.GetRequiredService<RunRecoveryDb>();
            RunnerPlanInputs? loaded = await RunnerPlanInputs.LoadAsync(db, runnerId, _asOf, Cancel);
            return (loaded!, await VersionsAsync(runnerId));
        });
        Assert.Equal(versions.Keys.Order(), inputs.Activities.Select(a => a.ActivityId).Order());
        LoadHistory scratch = LoadHistory.Build(inputs.Profile, inputs.AllInputs);
        RecoveryPlan fromScratch = RecoveryPlanner.Plan(scratch, inputs.Reports, _asOf);
        var scratchLoads = scratch.Activities.ToDictionary(load => load.Id, StringComparer.Ordinal);

        foreach (RunnerHistoryCache process in processes)
        {
            if (process.Get(runnerId) is not { } remembered)
            {
                continue;
            }

            IReadOnlyCollection<Guid> keys = VersionedLoadHistory.KeysToRead(remembered, inputs.ProfileStamp, versions);
            if (keys.Count == versions.Count && remembered.Versions.Count > 0)
            {
                continue; // not trusted: the next recompute reads every row and rebuilds
            }

            List<StoredLoadInputs> added = [.. inputs.Activities.Where(a => keys.Contains(a.ActivityId)).Select(a => new StoredLoadInputs(a.ActivityId, versions[a.ActivityId], a.Inputs))];
            if (VersionedLoadHistory.TryAppend(remembered, inputs.ProfileStamp, versions, added, _asOf, out LoadHistory? planning, out IReadOnlyList<ActivityLoad> scored) is null)
            {
                continue; // an older run among the new ones: the next recompute rebuilds
            }

            RecoveryPlan plan = RecoveryPlanner.Plan(planning!, inputs.Reports, _asOf);
            Assert.Equal(JsonSerializer.Serialize(fromScratch.Days), JsonSerializer.Serialize(plan.Days));
            Assert.Equal(JsonSerializer.Serialize(fromScratch.Recommendations), JsonSerializer.Serialize(plan.Recommendations));
            Assert.All(scored, load => Assert.Equal(scratchLoads[load.Id], load));
            Assert.Equal(scratch.Activities.Count, remembered.Kept.Count + scored.Count);
            checks.RememberedPlans++;
        }

        if (await OwedAsync(runnerId))
        {
            return;
        }

        List<(Guid Id, string State, string? Loads, double? RecoveryHours)> stored = await host.InScopeAsync(async services =>
            (await services.GetRequiredService<RunRecoveryDb>().Activities.AsNoTracking()
                .Where(a => a.RunnerId == runnerId && a.StartUtc != null && !a.ExcludeFromLoad)
                .Select(a => new { a.Id, a.ScoringState, a.LoadsJson, a.RecoveryHours })
                .ToListAsync(Cancel))
            .Select(a => (a.Id, a.ScoringState, a.LoadsJson, a.RecoveryHours)).ToList());
        Assert.Equal(versions.Count, stored.Count);
        foreach ((Guid id, string state, string? loads, double? recoveryHours) in stored)
        {
            ActivityLoad[] expected = [.. scratch.Activities.Where(load => ScoreRunnerHandler.ActivityIdOf(load.Id) == id)];
            Assert.Equal(ActivityScoringState.Scored, state);
            Assert.Equal(JsonSerializer.Serialize(expected, StoredModelJson.Options), loads);
            Assert.Equal(expected.Max(load => load.RecoveryHours), recoveryHours);
        }

        checks.StoredLoads++;
    }

    /// <summary>
    /// One recompute as a process with the memory <paramref name="process"/> runs it; <paramref name="duringRecompute"/>
    /// runs after the recompute listed the rows and read their inputs, when it reads the rows' scoring columns before
    /// taking the runner's lock and writing (through the service's HTTP API, on other connections).
    /// </summary>
    private Task<ScoreRunnerResult> RecomputeAsync(Guid runnerId, RunnerHistoryCache process, Func<Task>? duringRecompute = null) =>
        OneRecompute.RunAsync(host, runnerId, process, Scoring, duringRecompute, OneRecompute.At.AfterScoringRead);

    /// <summary>A 30–70 minute run, each newer than the last (20 h apart), unless <paramref name="start"/> is given.</summary>
    private async Task<Guid> UploadAsync(string key, DateTimeOffset? start = null)
    {
        int n = _runs++;
        byte[] file = SyntheticRuns.Fit(start ?? _asOf.AddDays(-36).AddHours(20 * n), 30 + (n % 5 * 10), 2.7 + (n % 3 * 0.3));
        return await UploadTests.CreatedIdAsync(await host.UploadAsync(key, file));
    }

    private async Task PatchSportAsync(string key, Guid id, string sport)
    {
        using var content = new StringContent($$"""{"sport":"{{sport}}"}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Patch, $"/api/activities/{id}", key, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task DeleteAsync(string key, Guid id)
    {
        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Delete, $"/api/activities/{id}", key);
        Assert.True(response.IsSuccessStatusCode, $"DELETE answered {(int)response.StatusCode}");
    }

    /// <summary>A change was requested after the last completed recompute claimed its version.</summary>
    private async Task<bool> OwedAsync(Guid runnerId) =>
        await host.ScalarAsync("SELECT count(*) FROM runrecovery.runner_scoring WHERE runner_id = $1 AND requested_version > scored_version", runnerId) > 0;

    private async Task<Dictionary<Guid, long>> VersionsAsync(Guid runnerId)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT id, xmin::text::bigint FROM runrecovery.activities WHERE runner_id = $1 AND start_utc IS NOT NULL AND NOT exclude_from_load", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = runnerId });
        var versions = new Dictionary<Guid, long>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            versions[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return versions;
    }
}
