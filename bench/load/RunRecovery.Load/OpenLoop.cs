using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace RunRecovery.Load;

/// <summary>
/// Open-loop load (docs/reliability.md, "Soak and capacity"): uploads are sent on a fixed schedule, whether or not
/// earlier ones have answered, and each latency is measured from the upload's scheduled time, so a slow server
/// shows up as latency instead of quietly lowering the offered rate.
///   soak  --server URL --rate 10 --minutes 30 --pid PID --pg CONNSTR --csv FILE [--runners 100] [--sample 10]
///   steps --server URL --rates 5,10,20,40,60 --seconds 60 [--runners 200] [--pg CONNSTR] [--timeline all|errors|none]
/// </summary>
internal static class OpenLoop
{
    private const int MaxInFlight = 5000;

    public static async Task<int> SoakAsync(string[] args)
    {
        Dictionary<string, string> options = LoadClient.Options(args);
        double rate = LoadClient.Number(options, "rate", 10);
        double minutes = LoadClient.Number(options, "minutes", 30);
        int runners = (int)LoadClient.Number(options, "runners", 100);
        double sampleSeconds = LoadClient.Number(options, "sample", 10);
        int pid = (int)LoadClient.Number(options, "pid", 0);
        string? pg = options.GetValueOrDefault("pg");
        string csvPath = options.GetValueOrDefault("csv") ?? "soak.csv";
        using var client = new LoadClient(new Uri(options.GetValueOrDefault("server") ?? "http://127.0.0.1:5130"));

        Console.WriteLine($"soak: {rate} uploads/s open loop for {minutes} min over {runners} runners; sampling every {sampleSeconds} s; service pid {pid}");
        string[] keys = await CreateRunnersAsync(client, runners, "soak");
        var run = new Schedule(client, keys);
        ConcurrentQueue<Result> results = run.Results;
        var clock = Stopwatch.StartNew();
        Task load = run.RunAsync(rate, TimeSpan.FromMinutes(minutes), clock);

        var samples = new List<Sample>();
        await using var csv = new StreamWriter(csvPath, append: false, new UTF8Encoding(false));
        await csv.WriteLineAsync(Sample.CsvHeader);
        Console.WriteLine(Sample.TableHeader);
        var all = new List<double>();
        var windows = new List<(double Seconds, List<double> Latencies)>();
        int ok = 0, errors = 0;
        int collectEvery = (int)LoadClient.Number(options, "collect-every", 0);
        for (int tick = 1; !load.IsCompleted || !results.IsEmpty || run.InFlight > 0; tick++)
        {
            TimeSpan due = TimeSpan.FromSeconds(tick * sampleSeconds) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            var window = new List<Result>();
            while (results.TryDequeue(out Result? result))
            {
                window.Add(result);
            }

            List<double> latencies = [.. window.Select(result => result.LatencyMs)];
            int windowOk = window.Count(result => result.Status is 200 or 201);
            ok += windowOk;
            errors += window.Count - windowOk;
            all.AddRange(latencies);
            Sample sample = await SampleAsync(client, pid, pg, clock.Elapsed.TotalSeconds, run, window.Count, windowOk, latencies, collectEvery > 0 && tick % collectEvery == 0);
            samples.Add(sample);
            windows.Add((sample.Seconds, latencies));
            await csv.WriteLineAsync(sample.ToCsv());
            await csv.FlushAsync();
            if (tick % Math.Max(1, (int)Math.Round(60 / sampleSeconds)) == 0 || load.IsCompleted)
            {
                Console.WriteLine(sample.ToTableRow());
            }

            if (load.IsCompleted && results.IsEmpty && run.InFlight == 0)
            {
                break;
            }
        }

        await load;
        Summarise(samples, all, ok, errors, run.Shed, rate);
        bool flat = FlatBar(samples, windows);
        return errors == 0 && run.Shed == 0 && flat ? 0 : 1;
    }

    public static async Task<int> StepsAsync(string[] args)
    {
        Dictionary<string, string> options = LoadClient.Options(args);
        double[] rates = [.. (options.GetValueOrDefault("rates") ?? "5,10,20,40,60").Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture))];
        double seconds = LoadClient.Number(options, "seconds", 60);
        int runners = (int)LoadClient.Number(options, "runners", 200);
        using var client = new LoadClient(new Uri(options.GetValueOrDefault("server") ?? "http://127.0.0.1:5130"));
        string[] keys = await CreateRunnersAsync(client, runners, "step");
        var schedule = new Schedule(client, keys);

        Console.WriteLine($"capacity steps: {string.Join(", ", rates)} uploads/s, {seconds} s each, open loop over {runners} runners (after a 15 s warm-up at 5/s)");
        await schedule.RunAsync(5, TimeSpan.FromSeconds(15), Stopwatch.StartNew());
        while (schedule.InFlight > 0)
        {
            await Task.Delay(100);
        }

        int servicePid = (int)LoadClient.Number(options, "pid", 0);
        int postgresPid = (int)LoadClient.Number(options, "pg-pid", 0);
        string timelineRows = options.GetValueOrDefault("timeline") ?? "errors"; // per-second rows: all, errors (steps with an error), none
        var timeline = new StepTimeline(client, options.GetValueOrDefault("pg"), schedule.TakeSendLagMs, servicePid, postgresPid);
        Console.WriteLine("CPU-s per step: the load generator (this process), the service (--pid) and PostgreSQL (--pg-pid: the postmaster and its backends)");
        Console.WriteLine("| offered /s | sent | answered /s | ok | errors | p50 ms | p99 ms | max ms | held (p99 < 1 s, no errors) | CPU-s generator / service / PostgreSQL | per stored upload ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        double best = 0;
        foreach (double rate in rates)
        {
            var results = new ConcurrentQueue<Result>();
            schedule.Results = results;
            int shedBefore = schedule.Shed;
            schedule.Prepare(rate, TimeSpan.FromSeconds(seconds));
            (double Generator, double Service, double Postgres) cpuBefore = (ProcessCpu.Own(), ProcessCpu.Of(servicePid), ProcessCpu.PostgresTree(postgresPid));
            var clock = Stopwatch.StartNew();
            using var stopTimeline = new CancellationTokenSource();
            Task sampling = timeline.RunAsync(clock, stopTimeline.Token);
            await schedule.RunAsync(rate, TimeSpan.FromSeconds(seconds), clock);
            while (schedule.InFlight > 0)
            {
                await Task.Delay(100);
            }

            await stopTimeline.CancelAsync();
            await sampling;

            double elapsed = clock.Elapsed.TotalSeconds;
            (double generator, double service, double postgres) = (
                ProcessCpu.Own() - cpuBefore.Generator, ProcessCpu.Of(servicePid) - cpuBefore.Service, ProcessCpu.PostgresTree(postgresPid) - cpuBefore.Postgres);
            List<double> latencies = [.. results.Select(result => result.LatencyMs)];
            int ok = results.Count(result => result.Status is 200 or 201);
            int errors = results.Count - ok + (schedule.Shed - shedBefore);
            double p99 = LoadClient.Percentile(latencies, 99);
            bool held = errors == 0 && p99 < 1000;
            if (held && rate > best)
            {
                best = rate;
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {rate} | {results.Count} | {results.Count / elapsed:F1} | {ok} | {errors} | {LoadClient.Percentile(latencies, 50):F0} | {p99:F0} | {(latencies.Count == 0 ? 0 : latencies.Max()):F0} | {(held ? "yes" : "no")} | {generator:F1} / {service:F1} / {postgres:F1} | {(ok == 0 ? 0 : (service + postgres) * 1000 / ok):F2} |"));
            if (errors > 0)
            {
                Console.WriteLine("  errors by status (0 = no answer): " + string.Join(", ", results.Where(result => result.Status is not (200 or 201))
                    .GroupBy(result => result.Status).OrderBy(group => group.Key).Select(group => $"{group.Key} x{group.Count()}")));
            }

            List<Result> refused = [.. results.Where(result => result.Status == 429)];
            if (refused.Count > 0)
            {
                // Who refused (issue 18 point 3) and how early: a 429 past the knee should come at once, not after a wait.
                Console.WriteLine("  429 by refusing limit and Retry-After: " + string.Join(", ", refused.GroupBy(result => result.Refusal ?? "?")
                    .OrderByDescending(group => group.Count()).Select(group => $"{group.Key} x{group.Count()}")));
                List<double> refusedAfter = [.. refused.Select(result => result.LatencyMs)];
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  429 answered after (from the scheduled send): p50 {LoadClient.Percentile(refusedAfter, 50):F0} ms, p99 {LoadClient.Percentile(refusedAfter, 99):F0} ms, max {refusedAfter.Max():F0} ms"));
            }

            Console.WriteLine(timeline.Summary());
            if (timelineRows == "all" || (timelineRows == "errors" && errors > 0))
            {
                foreach (string row in timeline.Rows([.. results.Select(result => (result.AnsweredAt, result.LatencyMs, result.Status, result.Refusal))]))
                {
                    Console.WriteLine(row);
                }
            }

            if (!held && p99 > 10_000)
            {
                Console.WriteLine("p99 over 10 s: higher steps skipped");
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(10)); // let scoring catch up between steps
        }

        Console.WriteLine($"highest offered rate held with p99 < 1 s and no errors: {best} uploads/s");
        return 0;
    }

    private static async Task<string[]> CreateRunnersAsync(LoadClient client, int count, string prefix)
    {
        var keys = new string[count];
        for (int batch = 0; batch < count; batch += 20)
        {
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(20, count - batch))
                .Select(async i => keys[i] = await client.CreateRunnerAsync($"{prefix}-{i}")));
        }

        return keys;
    }

    private static async Task<Sample> SampleAsync(
        LoadClient client, int pid, string? pg, double seconds, Schedule run, int answered, int ok, List<double> latencies, bool collect)
    {
        var sample = new Sample
        {
            Seconds = seconds,
            Sent = run.Sent,
            Answered = answered,
            Ok = ok,
            InFlight = run.InFlight,
            P50 = LoadClient.Percentile(latencies, 50),
            P99 = LoadClient.Percentile(latencies, 99),
        };
        if (pid > 0 && File.Exists($"/proc/{pid}/status"))
        {
            foreach (string line in await File.ReadAllLinesAsync($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    sample.RssMb = Kilobytes(line) / 1024.0;
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    sample.Threads = (int)Kilobytes(line);
                }
            }

            sample.Fds = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
        }

        try
        {
            using HttpResponseMessage response = await client.Http.GetAsync(collect ? "/health/runtime?collect=true" : "/health/runtime");
            if (response.IsSuccessStatusCode)
            {
                JsonElement figures = await response.Content.ReadFromJsonAsync<JsonElement>();
                sample.HeapMb = figures.GetProperty("heapSizeBytes").GetInt64() / 1048576.0;
                sample.Gen2 = figures.GetProperty("gen2Collections").GetInt32();
                if (figures.GetProperty("liveBytesAfterFullCollection") is { ValueKind: JsonValueKind.Number } live)
                {
                    sample.LiveMb = live.GetInt64() / 1048576.0;
                }

                // What the heap figure above is made of (issue 18 point 2): each generation as the last collection left
                // it, its free space, and the heap after the last full collection (no garbage of gen 2 in it).
                sample.CommittedMb = figures.GetProperty("committedBytes").GetInt64() / 1048576.0;
                sample.FragmentedMb = figures.GetProperty("fragmentedBytes").GetInt64() / 1048576.0;
                if (figures.TryGetProperty("lastCollection", out JsonElement last))
                {
                    sample.LastGeneration = last.GetProperty("generation").GetInt32();
                    sample.Pinned = last.GetProperty("pinnedObjects").GetInt64();
                    sample.GenerationsMb = [.. last.GetProperty("generations").EnumerateArray().Select(g => g.GetProperty("sizeAfterBytes").GetInt64() / 1048576.0)];
                }

                if (figures.TryGetProperty("lastFullCollection", out JsonElement full) && full.ValueKind == JsonValueKind.Object)
                {
                    sample.FullHeapMb = full.GetProperty("heapSizeBytes").GetInt64() / 1048576.0;
                }

                if (figures.TryGetProperty("historyCacheBytes", out JsonElement history))
                {
                    sample.HistoryMb = history.GetInt64() / 1048576.0;
                }
            }
        }
        catch (HttpRequestException)
        {
        }

        if (pg is not null)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    """
                    SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()),
                           (SELECT count(*) FROM runrecovery.activities WHERE scoring_state = 'pending'),
                           pg_database_size(current_database())
                    """,
                    connection);
                await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                sample.PgConnections = (int)reader.GetInt64(0);
                sample.Pending = (int)reader.GetInt64(1);
                sample.DbMb = reader.GetInt64(2) / 1048576.0;
            }
            catch (NpgsqlException)
            {
            }
        }

        return sample;
    }

    private static long Kilobytes(string statusLine) =>
        long.Parse(statusLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static void Summarise(List<Sample> samples, List<double> all, int ok, int errors, int shed, double rate)
    {
        double end = samples.Count == 0 ? 0 : samples[^1].Seconds;
        List<Sample> first = [.. samples.Where(sample => sample.Seconds <= 300)];
        List<Sample> last = [.. samples.Where(sample => sample.Seconds > end - 300)];
        List<Sample> settled = [.. samples.Where(sample => sample.Seconds > 300)];
        CultureInfo c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"offered {rate}/s; answered {all.Count} ({ok} ok, {errors} errors, {shed} shed); latency p50 {LoadClient.Percentile(all, 50):F0} ms, p99 {LoadClient.Percentile(all, 99):F0} ms, max {(all.Count == 0 ? 0 : all.Max()):F0} ms"));
        Console.WriteLine("| figure | first 5 min (mean) | last 5 min (mean) | slope after minute 5 (per hour) |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("RSS MB", sample => sample.RssMb);
        Row("GC heap MB", sample => sample.HeapMb);
        Row("GC heap after the last full collection MB", sample => sample.FullHeapMb);
        Row("GC committed MB", sample => sample.CommittedMb);
        if (samples.Any(sample => sample.LiveMb is not null))
        {
            first = [.. first.Where(sample => sample.LiveMb is not null)];
            last = [.. last.Where(sample => sample.LiveMb is not null)];
            settled = [.. settled.Where(sample => sample.LiveMb is not null)];
            Row("live heap after full GC MB", sample => sample.LiveMb ?? 0);
            first = [.. samples.Where(sample => sample.Seconds <= 300)];
            last = [.. samples.Where(sample => sample.Seconds > end - 300)];
            settled = [.. samples.Where(sample => sample.Seconds > 300)];
        }

        Row("file descriptors", sample => sample.Fds);
        Row("threads", sample => sample.Threads);
        Row("PostgreSQL connections", sample => sample.PgConnections);
        Row("scoring backlog (pending activities)", sample => sample.Pending);

        void Row(string name, Func<Sample, double> figure) => Console.WriteLine(string.Create(
            c, $"| {name} | {Mean(first, figure):F1} | {Mean(last, figure):F1} | {Slope(settled, figure) * 3600:F1} |"));
    }

    /// <summary>
    /// Issue 18's bar for a soak of 15 minutes or more: RSS and GC heap over the last 5 minutes within 10 % of minutes
    /// 5–10 (means of the samples), and the p99 of every upload answered in the last 5 minutes within 20 % of the p99
    /// of those answered in minutes 5–10. Prints the figures; false when missed.
    /// </summary>
    private static bool FlatBar(List<Sample> samples, List<(double Seconds, List<double> Latencies)> windows)
    {
        double end = samples.Count == 0 ? 0 : samples[^1].Seconds;
        if (end < 900)
        {
            return true;
        }

        List<Sample> early = [.. samples.Where(sample => sample.Seconds is > 300 and <= 600)];
        List<Sample> late = [.. samples.Where(sample => sample.Seconds > end - 300)];
        double p99Early = LoadClient.Percentile([.. windows.Where(w => w.Seconds is > 300 and <= 600).SelectMany(w => w.Latencies)], 99);
        double p99Late = LoadClient.Percentile([.. windows.Where(w => w.Seconds > end - 300).SelectMany(w => w.Latencies)], 99);
        double rss = Mean(late, sample => sample.RssMb) / Mean(early, sample => sample.RssMb);
        double heap = Mean(late, sample => sample.HeapMb) / Mean(early, sample => sample.HeapMb);
        double p99 = p99Late / p99Early;
        bool met = rss <= 1.10 && heap <= 1.10 && p99 <= 1.20;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"flat-memory bar (last 5 min / minutes 5-10): RSS {rss:F3} (<= 1.10), GC heap {heap:F3} (<= 1.10), p99 {p99Late:F0}/{p99Early:F0} ms = {p99:F3} (<= 1.20): {(met ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  not part of the bar: GC heap after the last full collection {Mean(late, s => s.FullHeapMb) / Mean(early, s => s.FullHeapMb):F3}, GC committed {Mean(late, s => s.CommittedMb) / Mean(early, s => s.CommittedMb):F3}; GC heap by generation at the last collection (gen0/gen1/gen2/LOH/POH MB) {Generations(early)} -> {Generations(late)}"));
        // What grew in MB against the bar's band (10 % of the early GC heap): live data (the heap after the last full
        // collection) and the part of it the runners' kept histories are estimated at.
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  not part of the bar, MB: GC heap {Mean(early, s => s.HeapMb):F1} -> {Mean(late, s => s.HeapMb):F1} (band {0.1 * Mean(early, s => s.HeapMb):F1}); after the last full collection {Mean(early, s => s.FullHeapMb):F1} -> {Mean(late, s => s.FullHeapMb):F1} ({Mean(late, s => s.FullHeapMb) - Mean(early, s => s.FullHeapMb):+0.0;-0.0}); history cache (estimated) {Mean(early, s => s.HistoryMb):F2} -> {Mean(late, s => s.HistoryMb):F2}"));
        return met;
    }

    private static string Generations(List<Sample> samples) => string.Join(
        "/", Enumerable.Range(0, 5).Select(g => Mean(samples, s => s.GenerationsMb.ElementAtOrDefault(g)).ToString("F1", CultureInfo.InvariantCulture)));

    private static double Mean(List<Sample> samples, Func<Sample, double> figure) =>
        samples.Count == 0 ? double.NaN : samples.Average(figure);

    /// <summary>Least-squares slope of the figure against time (per second).</summary>
    private static double Slope(List<Sample> samples, Func<Sample, double> figure)
    {
        if (samples.Count < 2)
        {
            return double.NaN;
        }

        double meanX = samples.Average(sample => sample.Seconds);
        double meanY = samples.Average(figure);
        double numerator = samples.Sum(sample => (sample.Seconds - meanX) * (figure(sample) - meanY));
        double denominator = samples.Sum(sample => (sample.Seconds - meanX) * (sample.Seconds - meanX));
        return denominator == 0 ? 0 : numerator / denominator;
    }

    /// <param name="Refusal">For a 429: who refused it and its Retry-After (<see cref="LoadClient.UploadStatusAsync"/>).</param>
    private sealed record Result(double LatencyMs, int Status, double AnsweredAt, string? Refusal = null);

    /// <summary>
    /// Sends uploads at a fixed rate, round-robin over the runners; each runner's runs are 3 h apart, so none is a
    /// duplicate. Each file is a <see cref="RunTemplate"/> moved to its start; <see cref="Prepare"/> builds a step's
    /// files before its clock starts, so the measured seconds send bytes that already exist.
    /// </summary>
    private sealed class Schedule(LoadClient client, string[] keys)
    {
        private readonly int[] _perRunner = new int[keys.Length];
        private readonly DateTimeOffset _origin = LoadClient.Truncate(DateTimeOffset.UtcNow.AddYears(-1));
        private readonly RunTemplate _run = RunTemplate.Create(30, 3.0);
        private (string Key, byte[] File)[]? _prepared;
        private int _inFlight;
        private int _sent;
        private int _shed;
        private int _next;
        private long _sendLagTicks;

        public ConcurrentQueue<Result> Results { get; set; } = new();

        public int InFlight => Volatile.Read(ref _inFlight);

        public int Sent => Volatile.Read(ref _sent);

        public int Shed => Volatile.Read(ref _shed);

        /// <summary>The largest delay between an upload's scheduled and actual send since the last call, in ms (reset).</summary>
        public double TakeSendLagMs() => TimeSpan.FromTicks(Interlocked.Exchange(ref _sendLagTicks, 0)).TotalMilliseconds;

        /// <summary>Builds the files of the next <see cref="RunAsync"/> of this rate and duration now.</summary>
        public void Prepare(double rate, TimeSpan duration) =>
            _prepared = [.. Enumerable.Range(0, (int)(rate * duration.TotalSeconds)).Select(_ => Next())];

        public async Task RunAsync(double rate, TimeSpan duration, Stopwatch clock)
        {
            (string Key, byte[] File)[]? prepared = _prepared;
            _prepared = null;
            TimeSpan start = clock.Elapsed;
            long total = (long)(rate * duration.TotalSeconds);
            for (long i = 0; i < total; i++)
            {
                TimeSpan scheduled = start + TimeSpan.FromSeconds(i / rate);
                TimeSpan wait = scheduled - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }

                if (InFlight >= MaxInFlight)
                {
                    Interlocked.Increment(ref _shed);
                    continue;
                }

                (string key, byte[] file) = prepared is not null && i < prepared.Length ? prepared[i] : Next();
                long lag = (clock.Elapsed - scheduled).Ticks;
                if (lag > Interlocked.Read(ref _sendLagTicks))
                {
                    Interlocked.Exchange(ref _sendLagTicks, lag); // one sending loop: no lost update worth a CAS loop
                }

                Interlocked.Increment(ref _inFlight);
                Interlocked.Increment(ref _sent);
                ConcurrentQueue<Result> results = Results;
                _ = Task.Run(() => SendAsync(key, file, scheduled, clock, results));
            }
        }

        private (string Key, byte[] File) Next()
        {
            int runner = Interlocked.Increment(ref _next) % keys.Length;
            int n = Interlocked.Increment(ref _perRunner[runner]);
            return (keys[runner], _run.At(_origin.AddHours(3 * n)));
        }

        private async Task SendAsync(string key, byte[] file, TimeSpan scheduled, Stopwatch clock, ConcurrentQueue<Result> results)
        {
            int status;
            string? refusal;
            try
            {
                (status, refusal) = await client.UploadStatusAsync(key, file);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                (status, refusal) = (0, null);
            }

            results.Enqueue(new Result((clock.Elapsed - scheduled).TotalMilliseconds, status, clock.Elapsed.TotalSeconds, refusal));
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private sealed class Sample
    {
        public const string CsvHeader = "seconds,sent,answered,ok,in_flight,p50_ms,p99_ms,rss_mb,gc_heap_mb,gen2,fds,threads,pg_connections,scoring_pending,db_mb,live_heap_mb,gc_committed_mb,gc_fragmented_mb,last_gc_generation,last_gc_pinned,gen0_mb,gen1_mb,gen2_mb,loh_mb,poh_mb,gc_heap_after_full_gc_mb,history_cache_mb";

        public const string TableHeader =
            "| min | sent | answered/10 s | ok | in flight | p50 ms | p99 ms | RSS MB | GC heap MB | fds | threads | PG conns | scoring backlog | DB MB | live heap MB |\n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

        public double Seconds { get; init; }

        public int Sent { get; init; }

        public int Answered { get; init; }

        public int Ok { get; init; }

        public int InFlight { get; init; }

        public double P50 { get; init; }

        public double P99 { get; init; }

        public double RssMb { get; set; }

        public double HeapMb { get; set; }

        public int Gen2 { get; set; }

        /// <summary>Managed bytes still referenced after a forced full compacting collection (only on --collect-every samples).</summary>
        public double? LiveMb { get; set; }

        /// <summary>GC committed memory and the free space inside the heap (fragmentation), at the last collection.</summary>
        public double CommittedMb { get; set; }

        public double FragmentedMb { get; set; }

        public int LastGeneration { get; set; }

        public long Pinned { get; set; }

        /// <summary>gen 0, gen 1, gen 2, large and pinned object heaps as the last collection left them (fragmentation included).</summary>
        public double[] GenerationsMb { get; set; } = [];

        /// <summary>The heap right after the last full (gen 2) collection: its size without gen 2's garbage.</summary>
        public double FullHeapMb { get; set; }

        /// <summary>The runners' histories kept between recomputes, as the service estimates them (<c>historyCacheBytes</c>).</summary>
        public double HistoryMb { get; set; }

        public int Fds { get; set; }

        public int Threads { get; set; }

        public int PgConnections { get; set; }

        public int Pending { get; set; }

        public double DbMb { get; set; }

        public string ToCsv() => string.Create(
            CultureInfo.InvariantCulture,
            $"{Seconds:F0},{Sent},{Answered},{Ok},{InFlight},{P50:F0},{P99:F0},{RssMb:F1},{HeapMb:F1},{Gen2},{Fds},{Threads},{PgConnections},{Pending},{DbMb:F0},{LiveMb:F1},{CommittedMb:F1},{FragmentedMb:F1},{LastGeneration},{Pinned},{string.Join(',', Enumerable.Range(0, 5).Select(g => GenerationsMb.ElementAtOrDefault(g).ToString("F1", CultureInfo.InvariantCulture)))},{FullHeapMb:F1},{HistoryMb:F2}");

        public string ToTableRow() => string.Create(
            CultureInfo.InvariantCulture,
            $"| {Seconds / 60:F0} | {Sent} | {Answered} | {Ok} | {InFlight} | {P50:F0} | {P99:F0} | {RssMb:F0} | {HeapMb:F0} | {Fds} | {Threads} | {PgConnections} | {Pending} | {DbMb:F0} | {(LiveMb is { } live ? live.ToString("F0", CultureInfo.InvariantCulture) : "")} |");
    }
}
