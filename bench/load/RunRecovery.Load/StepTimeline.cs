using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace RunRecovery.Load;

/// <summary>
/// What the service and the database were doing, second by second, during one capacity step (issue 18 point 3: what
/// coincides with a burst of 429s): the service's runtime figures (GC counts and pause time, uploads in flight and
/// refused, scoring recomputes that appended to a remembered history or rebuilt it) from <c>/health/runtime</c> (the
/// service needs <c>RunRecovery:Diagnostics:Runtime=true</c>), and with a connection string the scoring backlog
/// (pending activities), the database's connections and the checkpointer's counters; and the load generator's own GC
/// pauses and how late it sent (an open loop that falls behind its schedule sends a burst when it catches up). Each row carries the UTC time,
/// so it lines up with PostgreSQL's log (checkpoints, autovacuum).
/// </summary>
internal sealed class StepTimeline(LoadClient client, string? pg, Func<double> takeSendLagMs, int servicePid, int postgresPid)
{
    private readonly List<Tick> _ticks = [];

    /// <summary>Samples now and then once a second until <paramref name="stop"/> is cancelled (the rows of the last run only).</summary>
    public async Task RunAsync(System.Diagnostics.Stopwatch clock, CancellationToken stop)
    {
        await using NpgsqlConnection? connection = pg is null ? null : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Pooling = false }.ConnectionString);
        if (connection is not null)
        {
            await connection.OpenAsync(CancellationToken.None);
        }

        _ticks.Clear();
        _ticks.Add(await SampleAsync(clock.Elapsed.TotalSeconds, connection));
        for (int second = 1; !stop.IsCancellationRequested; second++)
        {
            TimeSpan due = TimeSpan.FromSeconds(second) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, stop);
                }
                catch (OperationCanceledException)
                {
                }
            }

            _ticks.Add(await SampleAsync(clock.Elapsed.TotalSeconds, connection));
        }
    }

    /// <summary>Whole-step differences: GC pauses and collections, recomputes appended and rebuilt, checkpoints.</summary>
    public string Summary()
    {
        if (_ticks.Count < 2)
        {
            return "";
        }

        Tick before = _ticks[0];
        Tick last = _ticks[^1];
        return string.Create(
            CultureInfo.InvariantCulture,
            $"  during the step: generator GC pauses {last.GeneratorGcPauseMs - before.GeneratorGcPauseMs:F0} ms, latest send {_ticks.Max(t => t.SendLagMs):F0} ms after its time; scoring recomputes {last.Appends - before.Appends} appended / {last.Rebuilds - before.Rebuilds} rebuilt; GC pauses {last.GcPauseMs - before.GcPauseMs:F0} ms (gen0/1/2 {last.Gen0 - before.Gen0}/{last.Gen1 - before.Gen1}/{last.Gen2 - before.Gen2}); checkpoints timed/requested {last.CheckpointsTimed - before.CheckpointsTimed}/{last.CheckpointsRequested - before.CheckpointsRequested}; scoring backlog max {_ticks.Max(t => t.Pending)}, at the end {last.Pending}");
    }

    /// <summary>
    /// One row a second: answers, 429s and p99 of the answers that came back in that second (by answer time), with the
    /// sampled figures (differences from the previous second); rows of seconds with a 429 are marked.
    /// </summary>
    public IEnumerable<string> Rows(IReadOnlyList<(double AnsweredAt, double LatencyMs, int Status, string? Refusal)> answers)
    {
        if (_ticks.Count < 2)
        {
            yield break;
        }

        yield return "  | UTC | s | answered | 429 | p99 ms | in flight / in line | gen0/1/2 | GC pause ms | appended / rebuilt | backlog | jobs enqueued | PG conns | checkpoint (timed/req/buffers) | generator: GC pause ms, latest send ms | CPU ms generator / service / PostgreSQL | pool threads / queued | 429 by (code/limit, Retry-After) |";
        Tick previous = _ticks[0];
        foreach (Tick tick in _ticks.Skip(1))
        {
            double from = previous.Seconds;
            List<(double AnsweredAt, double LatencyMs, int Status, string? Refusal)> inSecond = [.. answers.Where(a => a.AnsweredAt > from && a.AnsweredAt <= tick.Seconds)];
            int refused = inSecond.Count(a => a.Status == 429);
            string refusedBy = string.Join(", ", inSecond.Where(a => a.Status == 429).GroupBy(a => a.Refusal ?? "?").Select(g => $"{g.Key} x{g.Count()}"));
            double p99 = LoadClient.Percentile([.. inSecond.Select(a => a.LatencyMs)], 99);
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"  | {tick.Utc:HH:mm:ss} | {tick.Seconds:F0} | {inSecond.Count} | {(refused > 0 ? $"**{refused}**" : "0")} | {p99:F0} | {tick.InFlight} / {tick.Waiting}{(tick.Shedding ? " shedding" : "")} | {tick.Gen0 - previous.Gen0}/{tick.Gen1 - previous.Gen1}/{tick.Gen2 - previous.Gen2} | {tick.GcPauseMs - previous.GcPauseMs:F0} | {tick.Appends - previous.Appends} / {tick.Rebuilds - previous.Rebuilds} | {tick.Pending} | {tick.JobsCreated - previous.JobsCreated} | {tick.PgConnections} | {tick.CheckpointsTimed - previous.CheckpointsTimed}/{tick.CheckpointsRequested - previous.CheckpointsRequested}/{tick.BuffersCheckpoint - previous.BuffersCheckpoint} | {tick.GeneratorGcPauseMs - previous.GeneratorGcPauseMs:F0}, {tick.SendLagMs:F0} | {(tick.GeneratorCpu - previous.GeneratorCpu) * 1000:F0} / {(tick.ServiceCpu - previous.ServiceCpu) * 1000:F0} / {(tick.PostgresCpu - previous.PostgresCpu) * 1000:F0} | {tick.PoolThreads} / {tick.PoolQueued} | {refusedBy} |");
            previous = tick;
        }
    }

    private async Task<Tick> SampleAsync(double seconds, NpgsqlConnection? connection)
    {
        var tick = new Tick
        {
            Seconds = seconds,
            Utc = DateTimeOffset.UtcNow,
            GeneratorGcPauseMs = GC.GetTotalPauseDuration().TotalMilliseconds,
            SendLagMs = takeSendLagMs(),
            GeneratorCpu = ProcessCpu.Own(),
            ServiceCpu = ProcessCpu.Of(servicePid),
            PostgresCpu = ProcessCpu.PostgresTree(postgresPid),
        };
        try
        {
            using HttpResponseMessage response = await client.Http.GetAsync("/health/runtime");
            if (response.IsSuccessStatusCode)
            {
                JsonElement figures = await response.Content.ReadFromJsonAsync<JsonElement>();
                tick.Gen0 = figures.GetProperty("gen0Collections").GetInt32();
                tick.Gen1 = figures.GetProperty("gen1Collections").GetInt32();
                tick.Gen2 = figures.GetProperty("gen2Collections").GetInt32();
                tick.GcPauseMs = figures.GetProperty("gcPauseMs").GetDouble();
                tick.Appends = figures.GetProperty("scoringAppends").GetInt64();
                tick.Rebuilds = figures.GetProperty("scoringRebuilds").GetInt64();
                tick.InFlight = figures.GetProperty("uploadsInFlight").GetInt32();
                tick.Waiting = figures.TryGetProperty("uploadsWaiting", out JsonElement waiting) ? waiting.GetInt32() : 0;
                tick.Shedding = figures.TryGetProperty("uploadsShedding", out JsonElement shedding) && shedding.GetBoolean();
                tick.PoolThreads = figures.GetProperty("threadPoolThreads").GetInt32();
                tick.PoolQueued = figures.TryGetProperty("threadPoolQueued", out JsonElement queued) ? queued.GetInt64() : -1; // -1: a service before it
            }
        }
        catch (HttpRequestException)
        {
        }

        if (connection is not null)
        {
            try
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()),
                           (SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'pending'),
                           checkpoints_timed, checkpoints_req, buffers_checkpoint,
                           (SELECT coalesce(max(id), 0) FROM hangfire.job)
                    FROM pg_stat_bgwriter
                    """,
                    connection);
                await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                tick.PgConnections = (int)reader.GetInt64(0);
                tick.Pending = (int)reader.GetInt64(1);
                tick.CheckpointsTimed = reader.GetInt64(2);
                tick.CheckpointsRequested = reader.GetInt64(3);
                tick.BuffersCheckpoint = reader.GetInt64(4);
                tick.JobsCreated = reader.GetInt64(5);
            }
            catch (NpgsqlException)
            {
            }
        }

        return tick;
    }

    internal sealed class Tick
    {
        public double Seconds { get; init; }

        public DateTimeOffset Utc { get; init; }

        public int Gen0 { get; set; }

        public int Gen1 { get; set; }

        public int Gen2 { get; set; }

        public double GcPauseMs { get; set; }

        public long Appends { get; set; }

        public long Rebuilds { get; set; }

        public int InFlight { get; set; }

        /// <summary>Uploads waiting in the admission's line, and whether it sheds (refuses at once) at the sample.</summary>
        public int Waiting { get; set; }

        public bool Shedding { get; set; }

        public int Pending { get; set; }

        public int PgConnections { get; set; }

        public long CheckpointsTimed { get; set; }

        public long CheckpointsRequested { get; set; }

        public long BuffersCheckpoint { get; set; }

        /// <summary>The newest Hangfire job's id: the difference per second is the jobs enqueued (scoring jobs, each a synchronous insert on the thread that enqueues it).</summary>
        public long JobsCreated { get; set; }

        public double GeneratorGcPauseMs { get; init; }

        public double GeneratorCpu { get; init; }

        public double ServiceCpu { get; init; }

        public double PostgresCpu { get; init; }

        public int PoolThreads { get; set; }

        /// <summary>Work items waiting for a thread-pool thread when sampled (-1: not reported).</summary>
        public long PoolQueued { get; set; }

        /// <summary>The latest upload sent since the previous tick: how long after its scheduled time it went out.</summary>
        public double SendLagMs { get; init; }
    }
}
