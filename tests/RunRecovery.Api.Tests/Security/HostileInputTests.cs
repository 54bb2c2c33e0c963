using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Model;
using static RunRecovery.Api.Tests.Security.HostileFiles;

namespace RunRecovery.Api.Tests.Security;

/// <summary>
/// Hostile files through the real HTTP upload (docs/security.md, "Hostile input"): each refused row of
/// <see cref="HostileUploads"/> answers its 4xx problem and stores nothing; the rows the library reads with
/// warnings, or whose oddities the metrics drop, are accepted and say so.
/// </summary>
public sealed class HostileInputTests(HostileHost host) : IClassFixture<HostileHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(HostileUploads.RefusedNames), MemberType = typeof(HostileUploads))]
    public async Task Hostile_upload_is_refused_with_a_problem_and_stores_nothing(string name)
    {
        HostileUpload row = HostileUploads.Refused[name];
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        StoredState before = await host.StateAsync(runnerId);

        // As curl does for large bodies: the server may answer before the body is sent (sizes it refuses by Content-Length).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = row.Body() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.ExpectContinue = true;

        using HttpResponseMessage response = await host.Client.SendAsync(request, Cancel);

        await response.AssertRefusedAsync(row.Status, row.Code);
        Assert.Equal(before, await host.StateAsync(runnerId));
    }

    [Fact]
    public async Task Garbage_of_100_MB_with_its_length_announced_answers_413_before_the_body_is_sent()
    {
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        StoredState before = await host.StateAsync(runnerId);
        GeneratedContent garbage = GeneratedContent.Garbage(100L << 20, fileName: "big.fit");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = garbage };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.ExpectContinue = true; // curl's default for large bodies

        using HttpResponseMessage response = await host.Client.SendAsync(request, Cancel);

        await response.AssertRefusedAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
        Assert.Equal(0, garbage.Sent); // refused on Content-Length alone: not one byte of the body was read
        Assert.Equal(before, await host.StateAsync(runnerId));
    }

    [Fact]
    public async Task Garbage_of_100_MB_without_a_length_is_cut_off_at_the_file_limit_and_stores_nothing()
    {
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        StoredState before = await host.StateAsync(runnerId);
        GeneratedContent garbage = GeneratedContent.Garbage(100L << 20, chunked: true, fileName: "big.fit");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = garbage };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // The server reads up to the 50 MB limit, answers 413 and closes the connection. An HTTP/1.1 client still
        // sending then sees the connection reset (HttpClient reports that instead of the 413 it was sent).
        HttpStatusCode? status = null;
        try
        {
            using HttpResponseMessage response = await host.Client.SendAsync(request, Cancel);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // reset by the server after its 413, while the client was still sending
        }

        Assert.True(status is null or HttpStatusCode.RequestEntityTooLarge, $"answered {status}");
        // What the client got out before the reset: the 50 MB limit the server read, plus what the kernel's socket
        // buffers took in the meantime (loopback autotunes the receive buffer up to tcp_rmem's maximum, 32 MB on a
        // stock Debian kernel), plus one chunk in flight. Measured 55-87 MB; never the whole 100 MB.
        long buffers = KernelSocketBufferMaximum("tcp_rmem") + KernelSocketBufferMaximum("tcp_wmem");
        Assert.InRange(garbage.Sent, 50L << 20, Math.Min((50L << 20) + buffers + (2L << 20), (100L << 20) - 1));
        Assert.Equal(before, await host.StateAsync(runnerId));
    }

    /// <summary>The largest buffer the kernel may give one TCP socket (the third field of net.ipv4.tcp_rmem/tcp_wmem), 8 MB if unknown.</summary>
    private static long KernelSocketBufferMaximum(string setting)
    {
        string path = $"/proc/sys/net/ipv4/{setting}";
        string[] fields = File.Exists(path) ? File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length == 3 && long.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out long bytes) ? bytes : 8L << 20;
    }

    [Fact]
    public async Task A_header_of_100_KB_answers_431_and_stores_nothing()
    {
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        StoredState before = await host.StateAsync(runnerId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = new ByteArrayContent(FitRun(50)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("X-Padding", new string('a', 100 * 1024));

        using HttpResponseMessage response = await host.Client.SendAsync(request, Cancel);

        // Kestrel answers before any endpoint runs: the status only, with an empty body (docs/security.md).
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal(before, await host.StateAsync(runnerId));
    }

    [Fact]
    public async Task A_file_crc_mismatch_is_accepted_with_a_warning_as_the_library_documents()
    {
        byte[] file = Mutate(FitRun(60), (f, _) => f[^1] ^= 0xFF);

        Accepted accepted = await UploadAcceptedAsync(file, "application/vnd.ant.fit");

        Assert.Contains("crc-mismatch", accepted.Warnings);
    }

    [Fact]
    public async Task A_re_typed_field_is_skipped_with_a_warning_and_the_run_kept()
    {
        // heart_rate (1 byte) re-typed as a 64-bit integer: the size no longer fits the type.
        byte[] file = Mutate(FitRun(61), (f, l) => f[FieldTriple(l.Definition(FitProfile.Record), 3) + 2] = 0x8E);

        Accepted accepted = await UploadAcceptedAsync(file, "application/vnd.ant.fit");

        Assert.Contains("field-size-mismatch", accepted.Warnings);
        Assert.False(HasHeartRate(accepted.Metrics));
        Assert.True(accepted.Metrics.GetProperty("distanceMeters").GetDouble() > 1_700); // the rest of the run is there
    }

    [Fact]
    public async Task Absurd_but_representable_values_are_accepted_and_implausible_heart_rates_left_out()
    {
        // 254 bpm throughout (the largest a FIT uint8 can say), 40 m/s, 8,000 m: no heart rate is plausible, the track is.
        Accepted accepted = await UploadAcceptedAsync(FitWithAbsurdValues(), "application/vnd.ant.fit");

        Assert.False(HasHeartRate(accepted.Metrics));
        Assert.True(accepted.Metrics.GetProperty("distanceMeters").GetDouble() > 0);
    }

    [Fact]
    public async Task A_heart_rate_of_400_is_left_out_with_a_warning_and_the_run_kept()
    {
        // Every 60th sample reads 400 bpm (a sensor glitch); the rest are 140-144.
        byte[] file = GpxRun(SyntheticRuns.HoursAgo(70), i => i % 60 == 0 ? 400 : 140 + (i % 5));

        Accepted accepted = await UploadAcceptedAsync(file, "application/gpx+xml");

        Assert.Contains("heart-rate-out-of-range", accepted.Warnings);
        JsonElement heartRate = accepted.Metrics.GetProperty("heartRate");
        Assert.InRange(heartRate.GetProperty("maxBpm").GetInt32(), 140, 144);
        Assert.InRange(heartRate.GetProperty("averageBpm").GetInt32(), 140, 144);
    }

    [Fact]
    public async Task Heart_rates_the_format_allows_but_a_body_does_not_are_flagged_and_left_out_of_the_metrics()
    {
        // 252 bpm every 60th sample: a FIT/GPX value, but above the 250 bpm plausibility bound of the metrics.
        byte[] file = GpxRun(SyntheticRuns.HoursAgo(75), i => i % 60 == 0 ? 252 : 140 + (i % 5));

        Accepted accepted = await UploadAcceptedAsync(file, "application/gpx+xml");

        JsonElement heartRate = accepted.Metrics.GetProperty("heartRate");
        Assert.Contains("implausible-values", heartRate.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.InRange(heartRate.GetProperty("maxBpm").GetInt32(), 140, 144);
    }

    [Theory]
    [InlineData("1990-01-01T00:00:00Z", true)]
    [InlineData("1989-12-31T23:59:00Z", false)]
    [InlineData("2026-11-21T11:59:00Z", true)]  // 23 h 59 min after the fixed clock
    [InlineData("2026-11-21T12:01:00Z", false)] // a day and a minute after
    public async Task The_date_window_is_1990_to_a_day_after_the_server_clock(string start, bool accepted)
    {
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        host.Clock.Fixed = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        try
        {
            using HttpResponseMessage response = await host.UploadAsync(key, GpxRun(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture)), "application/gpx+xml");

            if (accepted)
            {
                await DeleteAsync(key, await CreatedActivityAsync(response), runnerId);
            }
            else
            {
                await response.AssertRefusedAsync(HttpStatusCode.UnprocessableEntity, "implausible-date");
            }
        }
        finally
        {
            host.Clock.Fixed = null;
        }
    }

    [Fact]
    public async Task A_device_relative_fit_clock_is_accepted_without_a_date()
    {
        // FIT timestamps below 0x10000000 count seconds since power-on, not dates: no plausibility window applies.
        DateTimeOffset powerOn = FitProfile.ToDateTime(1000);
        byte[] file = FitActivityWriter.Write(SyntheticRuns.Run(powerOn, 10));

        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        using HttpResponseMessage response = await host.UploadAsync(key, file, fileName: "relative.fit");

        JsonElement activity = await CreatedActivityAsync(response);
        Assert.Equal(JsonValueKind.Null, activity.GetProperty("startUtc").ValueKind);
        await DeleteAsync(key, activity, runnerId);
    }

    [Fact]
    public async Task A_track_across_the_antimeridian_is_accepted_with_its_real_distance()
    {
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        using HttpResponseMessage response = await host.UploadAsync(key, GpxAcrossTheAntimeridian(SyntheticRuns.HoursAgo(80)), "application/gpx+xml", "fiji.gpx");

        JsonElement activity = await CreatedActivityAsync(response);
        Assert.InRange(activity.GetProperty("distanceMeters").GetDouble(), 1_780, 1_820); // 600 s at 3 m/s, not ~40,000 km
        await DeleteAsync(key, activity, runnerId);
    }

    [Fact]
    public async Task A_gpx_teleport_is_dropped_with_a_warning_and_the_distance_stays_real()
    {
        DateTimeOffset start = SyntheticRuns.HoursAgo(30);
        var samples = SyntheticRuns.Run(start, 10).Samples
            .Select((s, i) => i == 300 ? s with { LatitudeDegrees = s.LatitudeDegrees + 10 } : s).ToList(); // 1,100 km away for one second

        Accepted accepted = await UploadAcceptedAsync(Gpx(samples), "application/gpx+xml");

        Assert.Contains("position-jump", accepted.Warnings);
        Assert.InRange(accepted.Metrics.GetProperty("distanceMeters").GetDouble(), 1_700, 1_900); // 600 s at 3 m/s, not 2,200 km
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("-1e308")]
    [InlineData("999999999")]
    [InlineData("-999999999")]
    [InlineData("4.9e-324")]
    public async Task Extreme_finite_values_leave_every_activity_route_answering_finite_numbers(string extreme)
    {
        // Issue 19 point 5: <ele>1e308</ele> made /samples answer 500 (its average overflowed to Infinity).
        DateTimeOffset start = SyntheticRuns.HoursAgo(40);
        var points = new StringBuilder("<gpx version=\"1.1\" creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><type>running</type><trkseg>");
        for (int i = 0; i < 120; i++)
        {
            string value = i % 3 == 0 ? extreme : "300";
            points.Append(CultureInfo.InvariantCulture,
                $"<trkpt lat=\"{46 + (i * 0.00003):0.000000}\" lon=\"14\"><ele>{value}</ele><time>{start.AddSeconds(i * 5):yyyy-MM-ddTHH:mm:ssZ}</time>"
                + $"<extensions><hr>{(i % 3 == 0 ? extreme : "150")}</hr><cad>{(i % 3 == 0 ? extreme : "85")}</cad><power>{(i % 3 == 0 ? extreme : "250")}</power></extensions></trkpt>");
        }

        points.Append("</trkseg></trk></gpx>");
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        using HttpResponseMessage response = await host.UploadAsync(key, Encoding.UTF8.GetBytes(points.ToString()), "application/gpx+xml", "extreme.gpx");
        JsonElement activity = await CreatedActivityAsync(response);
        string link = activity.GetProperty("link").GetString()!;

        foreach (string route in new[] { link, $"{link}/samples?every=1s", $"{link}/samples?every=1h", $"{link}/splits", "/api/activities", "/api/runners/me/load" })
        {
            using HttpResponseMessage answer = await host.SendAsync(HttpMethod.Get, route, key);
            string body = await answer.Content.ReadAsStringAsync(Cancel);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{route}: {(int)answer.StatusCode} {body}");
            AssertFinite(JsonDocument.Parse(body).RootElement, route);
        }

        await DeleteAsync(key, activity, runnerId);
    }

    private static void AssertFinite(JsonElement element, string route)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                Assert.True(double.IsFinite(element.GetDouble()) && Math.Abs(element.GetDouble()) < 1e12, $"{route}: {element.GetRawText()}");
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    AssertFinite(property.Value, route);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    AssertFinite(item, route);
                }

                break;
        }
    }

    [Fact]
    public async Task Metacharacters_in_an_uploaded_file_name_are_stored_and_returned_verbatim()
    {
        // No '/' in it: a file name keeps only its last path segment (see the docs), the rest is kept as sent.
        const string name = "'; DROP TABLE runners;--<img src=x onerror=alert(1)>\"\u202Egnp.fit 🏃";
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        var content = new ByteArrayContent(FitRun(90));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = name };

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Post, "/api/activities", key, content);

        JsonElement activity = await CreatedActivityAsync(response);
        Assert.Equal(name, activity.GetProperty("fileName").GetString());
        JsonElement again = await host.GetJsonAsync(activity.GetProperty("link").GetString()!, key);
        Assert.Equal(name, again.GetProperty("activity").GetProperty("fileName").GetString());
        Assert.True(await host.ScalarAsync("SELECT count(*) FROM runrecovery.runners") > 0); // the table is still there
        await DeleteAsync(key, activity, runnerId);
    }

    private sealed record Accepted(JsonElement Metrics, string?[] Warnings);

    private async Task<Accepted> UploadAcceptedAsync(byte[] file, string contentType)
    {
        (Guid runnerId, string key) = await host.SeededRunnerAsync();
        using HttpResponseMessage response = await host.UploadAsync(key, file, contentType);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        JsonElement outcome = JsonDocument.Parse(body).RootElement.GetProperty("files")[0];
        JsonElement activity = outcome.GetProperty("activity");
        string?[] warnings = outcome.TryGetProperty("warnings", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(w => w.GetProperty("code").GetString())]
            : [];
        JsonElement detail = await host.GetJsonAsync(activity.GetProperty("link").GetString()!, key);
        await DeleteAsync(key, activity, runnerId);
        return new Accepted(detail.GetProperty("metrics").Clone(), warnings);
    }

    private static bool HasHeartRate(JsonElement metrics) =>
        metrics.TryGetProperty("heartRate", out JsonElement heartRate) && heartRate.ValueKind != JsonValueKind.Null;

    private static async Task<JsonElement> CreatedActivityAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").Clone();
    }

    /// <summary>Accepted rows are removed again, so the seeded runner's state is the same for every refused row.</summary>
    private async Task DeleteAsync(string key, JsonElement activity, Guid runnerId)
    {
        using HttpResponseMessage deleted = await host.SendAsync(HttpMethod.Delete, activity.GetProperty("link").GetString()!, key);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1 AND id = $2", runnerId, activity.GetProperty("id").GetGuid()));
    }
}
