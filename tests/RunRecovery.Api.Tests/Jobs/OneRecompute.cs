using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Rescoring;
using RunRecovery.Application.Webhooks;

namespace RunRecovery.Api.Tests.Jobs;

/// <summary>
/// One recompute of a runner as a process with the memory <c>process</c> runs it, with a change made at the recompute's
/// read of the activities' scoring columns (<c>ScoreRunnerHandler.StoreActivityLoadsAsync</c>): just before that read,
/// or just after it, when the rows were listed and their inputs read but the runner's lock is not yet taken and nothing
/// is written. The change goes through the service's HTTP API, on other connections. Shared by the recompute race tests
/// (<see cref="IncrementalRescoringTests"/>, <see cref="RecomputeRaceTests"/>).
/// </summary>
internal static class OneRecompute
{
    public enum At
    {
        BeforeScoringRead,
        AfterScoringRead,
    }

    /// <param name="scoring">Scoring options for the handler; null: the host's.</param>
    /// <param name="change">Runs once, at <paramref name="at"/>; the recompute asserts it did run.</param>
    public static async Task<ScoreRunnerResult> RunAsync(
        RunnerHost host, Guid runnerId, RunnerHistoryCache process, IOptions<ScoringOptions>? scoring, Func<Task>? change, At at)
    {
        var interceptor = new AtScoringRead(change, at);
        ScoreRunnerResult result = await host.InScopeAsync(async services =>
        {
            DbContextOptions<RunRecoveryDb> options = new DbContextOptionsBuilder<RunRecoveryDb>(services.GetRequiredService<DbContextOptions<RunRecoveryDb>>())
                .AddInterceptors(interceptor)
                .Options;
            await using var db = new RunRecoveryDb(options);
            ScoringQueue queue = ActivatorUtilities.CreateInstance<ScoringQueue>(services, db);
            ActivityEvents events = ActivatorUtilities.CreateInstance<ActivityEvents>(services, db);
            object[] given = scoring is null ? [db, queue, events, process] : [db, queue, events, scoring, process];
            ScoreRunnerHandler handler = ActivatorUtilities.CreateInstance<ScoreRunnerHandler>(services, given);
            return await handler.Handle(new ScoreRunner(runnerId), TestContext.Current.CancellationToken);
        });
        Assert.True(result.Ran);
        Assert.Equal(change is not null, interceptor.Fired); // the change landed where it was meant to
        return result;
    }

    private sealed class AtScoringRead(Func<Task>? change, At at) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (at == At.BeforeScoringRead)
            {
                await FireAtScoringReadAsync(command);
            }

            return result;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (at == At.AfterScoringRead)
            {
                await FireAtScoringReadAsync(command);
            }

            return result;
        }

        private async Task FireAtScoringReadAsync(DbCommand command)
        {
            // The recompute's read of the activities' scoring columns is the one command that names scoring_note.
            if (change is not null && !Fired && command.CommandText.Contains("scoring_note", StringComparison.Ordinal))
            {
                Fired = true;
                await change();
            }
        }
    }
}
