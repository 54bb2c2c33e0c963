using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;

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
    private Task<ScoreRunnerResult> RecomputeAsync(Guid runnerId, RunnerHistoryCache process, Func<Task>? beforeScoringRead) =>
        OneRecompute.RunAsync(host, runnerId, process, null, beforeScoringRead, OneRecompute.At.BeforeScoringRead);
}
