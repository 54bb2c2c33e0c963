using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>
/// An upload that commits after a recompute read the runner's load inputs but before it reads the rows' scoring columns
/// is not in that recompute's history: the recompute leaves it pending for the recompute its upload requested. It once
/// marked such a row "unscorable" (and posted an activity.scored event saying so) until the next recompute corrected it;
/// seen as a red CI in the webhook test, where the profile change's recompute raced the upload.
/// </summary>
public sealed class RecomputeRaceTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)] // nothing remembered: the recompute rebuilds from every row
    [InlineData(true)] // a remembered history: the recompute appends
    public async Task An_upload_landing_before_the_scoring_columns_are_read_stays_pending_until_its_own_recompute(bool remembered)
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        using var process = new RunnerHistoryCache(Options.Create(new ScoringOptions()));
        Guid first = await UploadAsync(key, 30);
        if (remembered)
        {
            await RecomputeAsync(runnerId, process, null);
            await UploadAsync(key, 26);
        }

        Guid landed = Guid.Empty;
        await RecomputeAsync(runnerId, process, async () => landed = await UploadAsync(key, 20));

        Assert.Equal(ActivityScoringState.Scored, await StateAsync(first));
        Assert.Equal(ActivityScoringState.Pending, await StateAsync(landed));
        Assert.Null(await host.InScopeAsync(async services =>
            await services.GetRequiredService<RunRecoveryDb>().Activities.Where(a => a.Id == landed).Select(a => a.ScoredAt).SingleAsync(Cancel)));

        await RecomputeAsync(runnerId, process, null); // the one the landed upload asked for
        Assert.Equal(ActivityScoringState.Scored, await StateAsync(landed));
    }

    private async Task<Guid> UploadAsync(string key, int hoursAgo) =>
        await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(hoursAgo), 40)));

    private Task<string> StateAsync(Guid id) => host.InScopeAsync(async services =>
        await services.GetRequiredService<RunRecoveryDb>().Activities.Where(a => a.Id == id).Select(a => a.ScoringState).SingleAsync(Cancel));

    /// <summary>One recompute; <paramref name="beforeScoringRead"/> runs just before it reads the rows' scoring columns.</summary>
    private async Task RecomputeAsync(Guid runnerId, RunnerHistoryCache process, Func<Task>? beforeScoringRead)
    {
        var before = new BeforeScoringRead(beforeScoringRead);
        ScoreRunnerResult result = await host.InScopeAsync(async services =>
        {
            DbContextOptions<RunRecoveryDb> options = new DbContextOptionsBuilder<RunRecoveryDb>(services.GetRequiredService<DbContextOptions<RunRecoveryDb>>())
                .AddInterceptors(before)
                .Options;
            await using var db = new RunRecoveryDb(options);
            ScoreRunnerHandler handler = ActivatorUtilities.CreateInstance<ScoreRunnerHandler>(
                services, db, ActivatorUtilities.CreateInstance<ScoringQueue>(services, db), ActivatorUtilities.CreateInstance<ActivityEvents>(services, db), process);
            return await handler.Handle(new ScoreRunner(runnerId), Cancel);
        });
        Assert.True(result.Ran);
        Assert.Equal(beforeScoringRead is not null, before.Fired);
    }

    private sealed class BeforeScoringRead(Func<Task>? action) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // The recompute's read of the activities' scoring columns (ScoreRunnerHandler.StoreActivityLoadsAsync).
            if (action is not null && !Fired && command.CommandText.Contains("scoring_note", StringComparison.Ordinal))
            {
                Fired = true;
                await action();
            }

            return result;
        }
    }
}
