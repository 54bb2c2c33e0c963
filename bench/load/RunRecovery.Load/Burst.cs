using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace RunRecovery.Load;

/// <summary>
/// Upload burst for bench/faults (docs/reliability.md, "Database faults"): N uploaders send fresh FIT runs back to
/// back for S seconds while the script restarts PostgreSQL. Every answer must be 201 or a 503 problem with
/// <c>Retry-After</c> and code <c>database-unavailable</c>; anything else counts as "other". Once /health/ready is
/// 200 again each refused file is sent once more: 201 (it had not been stored) or 200 duplicate (its commit landed but
/// the answer was lost). Then the database must hold exactly one activity per file, each with its content.
///   burst --server URL --pg CONNSTR [--uploaders 20] [--seconds 30]
/// Exit 1 on any violation.
/// </summary>
internal static class Burst
{
    public static async Task<int> RunAsync(string[] args)
    {
        Dictionary<string, string> options = LoadClient.Options(args);
        int uploaders = (int)LoadClient.Number(options, "uploaders", 20);
        double seconds = LoadClient.Number(options, "seconds", 30);
        string pg = options.GetValueOrDefault("pg") ?? throw new ArgumentException("--pg CONNSTR is required");
        using var client = new LoadClient(new Uri(options.GetValueOrDefault("server") ?? "http://127.0.0.1:5132"));

        var keys = new string[uploaders];
        for (int i = 0; i < uploaders; i++)
        {
            keys[i] = await client.CreateRunnerAsync($"burst-{i}");
        }

        Console.WriteLine($"burst: {uploaders} uploaders for {seconds} s");
        DateTimeOffset origin = LoadClient.Truncate(DateTimeOffset.UtcNow.AddYears(-1));
        var sent = new List<(string Key, byte[] File, UploadAnswer Answer)>();
        var stopAt = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, uploaders).Select(u => Task.Run(async () =>
        {
            for (int n = 0; stopAt.Elapsed.TotalSeconds < seconds; n++)
            {
                byte[] file = LoadClient.Run(origin.AddHours(3 * n), 30, 3.0);
                UploadAnswer answer;
                try
                {
                    answer = await client.UploadAsync(keys[u], file);
                }
                catch (HttpRequestException error)
                {
                    answer = new UploadAnswer(0, null, error.Message, false);
                }

                lock (sent)
                {
                    sent.Add((keys[u], file, answer));
                }

                if (answer.Status == 503)
                {
                    await Task.Delay(250); // a polite client would wait Retry-After; this one keeps probing the outage
                }
            }
        })));

        int ok = sent.Count(s => s.Answer.Status == 201);
        int unavailable = sent.Count(s => s.Answer.Status == 503 && s.Answer.Code == "database-unavailable" && s.Answer.RetryAfter);
        int other = sent.Count - ok - unavailable;
        Console.WriteLine($"uploads: {sent.Count} sent; {ok} ok (201), {unavailable} unavailable (503 database-unavailable with Retry-After), {other} other");
        foreach (IGrouping<string, (string Key, byte[] File, UploadAnswer Answer)> group in sent.Where(s => s.Answer.Status is not (201 or 503)).GroupBy(s => $"{s.Answer.Status} {s.Answer.Code}").Take(5))
        {
            Console.WriteLine($"  other: {group.Key} x{group.Count()}");
        }

        var ready = Stopwatch.StartNew();
        while ((await client.Http.GetAsync("/health/ready")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            if (ready.Elapsed > TimeSpan.FromMinutes(2))
            {
                Console.WriteLine("VIOLATION: /health/ready not 200 within 2 min after the burst");
                return 1;
            }

            await Task.Delay(250);
        }

        int createdOnRetry = 0, duplicateOnRetry = 0, failedOnRetry = 0;
        foreach ((string key, byte[] file, UploadAnswer answer) in sent.Where(s => s.Answer.Status != 201))
        {
            UploadAnswer again = await client.UploadAsync(key, file);
            _ = again.Status switch
            {
                201 => createdOnRetry++,
                200 => duplicateOnRetry++,
                _ => failedOnRetry++,
            };
        }

        Console.WriteLine($"refused files sent again: {createdOnRetry} created (nothing had been stored), {duplicateOnRetry} duplicates (stored, answer lost), {failedOnRetry} failed");

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        long activities = await ScalarAsync(connection, "SELECT count(*) FROM runrecovery.activities a JOIN runrecovery.runners r ON r.id = a.runner_id WHERE r.name LIKE 'burst-%'");
        long withoutContent = await ScalarAsync(connection, "SELECT count(*) FROM runrecovery.activities a WHERE NOT EXISTS (SELECT 1 FROM runrecovery.activity_contents c WHERE c.activity_id = a.id)");
        long orphanContent = await ScalarAsync(connection, "SELECT count(*) FROM runrecovery.activity_contents c WHERE NOT EXISTS (SELECT 1 FROM runrecovery.activities a WHERE a.id = c.activity_id)");
        long doubles = await ScalarAsync(connection, "SELECT count(*) FROM (SELECT 1 FROM runrecovery.activities GROUP BY runner_id, sha256 HAVING count(*) > 1) d");
        long acknowledged = ok + createdOnRetry + duplicateOnRetry;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"stored activities {activities}; acknowledged files {acknowledged} (201 in the burst {ok} + created on retry {createdOnRetry} + duplicate on retry {duplicateOnRetry}); without content {withoutContent}; orphan content {orphanContent}; stored twice {doubles}"));

        bool violated = other > 0 || failedOnRetry > 0 || activities != acknowledged || acknowledged != sent.Count || withoutContent > 0 || orphanContent > 0 || doubles > 0;
        Console.WriteLine(violated ? "VIOLATION in the upload burst" : "upload burst: no violation");
        return violated ? 1 : 0;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
