using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Activities.Ingest;
using RunRecovery.Application.LoadInputs;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// The service with one parse slot and a short wait, and a clock that can be made to fail as an allocation would:
/// for issue 19 point 3 (docs/security.md, "Memory per upload").
/// </summary>
public sealed class UploadMemoryHost(TestPostgres postgres) : RunnerHost(postgres)
{
    public FaultingClock Faults { get; } = new();

    protected override IEnumerable<string> Settings =>
        ["--RunRecovery:Uploads:RateLimitPermits=0", "--RunRecovery:Uploads:ParseConcurrency=1", "--RunRecovery:Uploads:ParseWait=00:00:00.2"];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        Faults.Inner = Clock;
        services.AddSingleton<TimeProvider>(Faults);
    }

    public T Get<T>()
        where T : notnull => Service.App.Services.GetRequiredService<T>();
}

/// <summary>The test clock, which throws <see cref="Fault"/> (when set) wherever the service asks it the time.</summary>
public sealed class FaultingClock : TimeProvider
{
    public TimeProvider Inner { get; set; } = System;

    public Exception? Fault { get; set; }

    public override DateTimeOffset GetUtcNow() => Fault is { } fault ? throw fault : Inner.GetUtcNow();
}

public sealed class UploadMemoryTests(UploadMemoryHost host) : IClassFixture<UploadMemoryHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// The file shape: two-byte records (a compressed-timestamp header and a heart rate), written by our own
    /// FitWriter. <paramref name="perSecond"/> records share each second.
    /// </summary>
    private static byte[] TwoByteRecords(int records, int perSecond, DateTimeOffset start)
    {
        var writer = new FitWriter();
        uint t0 = FitProfile.ToFitSeconds(start);
        writer.Define(0, FitProfile.FileId, [FitFieldSpec.Of(0, FitBaseType.Enum), FitFieldSpec.Of(4, FitBaseType.UInt32)])
            .Write(0, 4L, (long)t0)
            .Define(1, FitProfile.Record, [FitFieldSpec.Of(253, FitBaseType.UInt32), FitFieldSpec.Of(3, FitBaseType.UInt8)])
            .Write(1, (long)t0, 120L)
            .Define(2, FitProfile.Record, [FitFieldSpec.Of(3, FitBaseType.UInt8)]);
        for (int i = 1; i < records; i++)
        {
            writer.WriteCompressed(2, t0 + (uint)(i / perSecond), 100L + (i % 60));
        }

        return writer.ToArray();
    }

    [Fact]
    public async Task A_file_of_1_1_million_two_byte_records_is_thinned_and_stores_compact_load_inputs()
    {
        (_, string key) = await host.CreateRunnerAsync();
        byte[] file = TwoByteRecords(1_100_000, 2, DateTimeOffset.UtcNow.AddDays(-6.5)); // 6.4 days, two records a second

        using HttpResponseMessage response = await host.UploadAsync(key, file, fileName: "dense.fit");

        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        Guid id = JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
        Assert.Contains("\"downsampled\"", body, StringComparison.Ordinal);
        long stored = await host.ScalarAsync("SELECT octet_length(load_inputs::text) FROM runrecovery.activities WHERE id = $1", id);
        Assert.InRange(stored, 1, 1 << 20); // was 20.8 MB for the 1.1 M-record file
        long kept = await host.ScalarAsync("SELECT jsonb_array_length(load_inputs::jsonb->'inputs'->0->'series'->'dt') FROM runrecovery.activities WHERE id = $1", id);
        Assert.InRange(kept, 2, LoadInputsJson.MaxStoredSamples + 1);
    }

    [Fact]
    public async Task A_file_of_1_1_million_records_over_12_days_is_refused_as_implausible_and_stores_nothing()
    {
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] file = TwoByteRecords(1_100_000, 1, DateTimeOffset.UtcNow.AddDays(-13));

        using HttpResponseMessage response = await host.UploadAsync(key, file, fileName: "long.fit");

        await response.AssertRefusedAsync(HttpStatusCode.UnprocessableEntity, "implausible");
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
    }

    [Fact]
    public async Task An_upload_that_finds_every_parse_slot_taken_waits_then_gets_429_with_retry_after_and_stores_nothing()
    {
        (Guid runner, string key) = await host.CreateRunnerAsync();
        ParseGate gate = host.Get<ParseGate>();
        Assert.Equal(1, gate.Slots);

        using (await gate.EnterAsync(Cancel))
        {
            using HttpResponseMessage busy = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), 20));
            JsonElement problem = await busy.AssertRefusedAsync(HttpStatusCode.TooManyRequests, "busy");
            Assert.True(busy.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After: {busy.Headers.RetryAfter}");
            Assert.Equal("parse-slots", problem.GetProperty("limit").GetString()); // not the upload admission (issue 18 point 3)
            Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
        }

        using HttpResponseMessage after = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3), 20));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task Samples_and_splits_parse_the_stored_file_once_then_read_it_from_the_cache()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadTests.CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(4), 30)));
        ParsedActivityCache cache = host.Get<ParsedActivityCache>();
        long before = cache.Parses;

        JsonElement everySecond = await host.GetJsonAsync($"/api/activities/{id}/samples?every=1s", key);
        JsonElement everyMinute = await host.GetJsonAsync($"/api/activities/{id}/samples?every=1m&types=heartRate", key);
        await host.GetJsonAsync($"/api/activities/{id}/splits", key);

        Assert.Equal(before + 1, cache.Parses);
        Assert.True(everySecond.GetProperty("heartRateBpm").GetArrayLength() > everyMinute.GetProperty("heartRateBpm").GetArrayLength());

        // The cache never answers for someone else: ownership is checked first.
        (_, string other) = await host.CreateRunnerAsync();
        using HttpResponseMessage foreign = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/samples", other);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    public static TheoryData<string> Exhaustion => ["memory", "stack"];

    [Theory]
    [MemberData(nameof(Exhaustion))]
    public async Task Running_out_of_memory_or_stack_while_reading_an_upload_answers_503_never_500_and_stores_nothing(string what)
    {
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(5), 20);

#pragma warning disable CA2201 // the test stands in for the runtime, which throws these when memory or stack run out
        host.Faults.Fault = what == "memory" ? new OutOfMemoryException() : new InsufficientExecutionStackException();
#pragma warning restore CA2201
        HttpResponseMessage response;
        try
        {
            response = await host.UploadAsync(key, file);
        }
        finally
        {
            host.Faults.Fault = null;
        }

        using (response)
        {
            await response.AssertRefusedAsync(HttpStatusCode.ServiceUnavailable, "insufficient-memory");
            Assert.NotNull(response.Headers.RetryAfter);
        }

        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
        using HttpResponseMessage retry = await host.UploadAsync(key, file);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
    }
}
