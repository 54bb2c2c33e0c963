using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Tests.Infrastructure;

namespace RunRecovery.Api.Tests.Activities;

public sealed class UploadTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stores_a_fit_run_and_answers_201_with_summary_and_link()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        DateTimeOffset start = SyntheticRuns.HoursAgo(5);
        byte[] file = SyntheticRuns.Fit(start, minutes: 40);

        using HttpResponseMessage response = await host.UploadAsync(key, file, fileName: "morning.fit");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement outcome = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("files")[0];
        Assert.Equal("created", outcome.GetProperty("outcome").GetString());
        JsonElement activity = outcome.GetProperty("activity");
        Guid id = activity.GetProperty("id").GetGuid();
        Assert.Equal($"/api/activities/{id}", outcome.GetProperty("link").GetString());
        Assert.Equal($"/api/activities/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("fit", activity.GetProperty("format").GetString());
        Assert.Equal("running", activity.GetProperty("sport").GetString());
        Assert.Equal("morning.fit", activity.GetProperty("fileName").GetString());
        Assert.Equal(start, activity.GetProperty("startUtc").GetDateTimeOffset());
        Assert.InRange(activity.GetProperty("distanceMeters").GetDouble(), 40 * 60 * 3.0 * 0.99, 40 * 60 * 3.0 * 1.01);
        Assert.Equal("pending", activity.GetProperty("scoringState").GetString());

        // The original bytes and the parsed activity were stored together, and scoring was requested.
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activity_contents c JOIN runrecovery.activities a ON a.id = c.activity_id WHERE a.runner_id = $1", runnerId));
        Assert.Equal(1, await host.ScalarAsync("SELECT requested_version FROM runrecovery.runner_scoring WHERE runner_id = $1", runnerId));

        using HttpResponseMessage original = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/file", key);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal("application/vnd.ant.fit", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(file, await original.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Same_file_again_answers_200_with_duplicateOf_and_stores_nothing_new()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30));
        Guid first = await CreatedIdAsync(await host.UploadAsync(key, file));

        using HttpResponseMessage again = await host.UploadAsync(key, file);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        JsonElement outcome = (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("files")[0];
        Assert.Equal("duplicate", outcome.GetProperty("outcome").GetString());
        Assert.Equal(first, outcome.GetProperty("duplicateOf").GetGuid());
        Assert.Equal("same-file", outcome.GetProperty("duplicateReason").GetString());
        Assert.Equal($"/api/activities/{first}", outcome.GetProperty("link").GetString());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Same_file_for_another_runner_is_their_own_activity()
    {
        (_, string first) = await host.CreateRunnerAsync();
        (_, string second) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(31));

        Guid a = await CreatedIdAsync(await host.UploadAsync(first, file));
        Guid b = await CreatedIdAsync(await host.UploadAsync(second, file));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Same_run_as_gpx_from_another_device_is_a_duplicate_of_the_fit()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        DateTimeOffset start = SyntheticRuns.HoursAgo(50);
        Guid fit = await CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(start, 45, 3.0)));

        // 40 s later and 2 % longer: the same run recorded by a phone.
        using HttpResponseMessage gpx = await host.UploadAsync(key, SyntheticRuns.Gpx(start.AddSeconds(40), 45, 3.06), "application/gpx+xml", "phone.gpx");

        Assert.Equal(HttpStatusCode.OK, gpx.StatusCode);
        JsonElement outcome = (await gpx.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("files")[0];
        Assert.Equal(fit, outcome.GetProperty("duplicateOf").GetGuid());
        Assert.Equal("same-activity", outcome.GetProperty("duplicateReason").GetString());
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Concurrent_uploads_of_one_run_store_it_once()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        DateTimeOffset start = SyntheticRuns.HoursAgo(60);
        byte[] fit = SyntheticRuns.Fit(start, 30);
        byte[] gpx = SyntheticRuns.Gpx(start.AddSeconds(5), 30);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            i % 2 == 0 ? host.UploadAsync(key, fit) : host.UploadAsync(key, gpx, "application/gpx+xml")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData(90, 1.0)]   // starts 90 s apart: another run
    [InlineData(0, 1.05)]   // same start, 5 % longer: another run
    public async Task Runs_outside_the_duplicate_tolerances_are_both_stored(int secondsLater, double distanceFactor)
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        DateTimeOffset start = SyntheticRuns.HoursAgo(70);
        await CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Fit(start, 45, 3.0)));

        await CreatedIdAsync(await host.UploadAsync(key, SyntheticRuns.Gpx(start.AddSeconds(secondsLater), 45, 3.0 * distanceFactor), "application/gpx+xml"));

        Assert.Equal(2, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Fit_truncated_before_any_sample_answers_422_with_the_parsers_code_and_offset_and_stores_nothing()
    {
        // A file cut after some samples is stored with a warning (ActivityReadingTests); one with none left is refused.
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3));
        byte[] truncated = file[..20]; // the 14-byte header and the start of the first definition

        using HttpResponseMessage response = await host.UploadAsync(key, truncated, fileName: "cut.fit");

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("code").GetString()));
        Assert.Equal("cut.fit", problem.GetProperty("fileName").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.True(problem.GetProperty("offset").GetInt64() > 0);
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
        // Scoped to this runner: the class's other tests share the database and store contents of their own.
        Assert.Equal(0, await host.ScalarAsync(
            "SELECT count(*) FROM runrecovery.activity_contents c JOIN runrecovery.activities a ON a.id = c.activity_id WHERE a.runner_id = $1",
            runnerId));
    }

    [Fact]
    public async Task Text_that_is_no_activity_answers_415_with_the_parsers_reason()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.UploadAsync(key, Encoding.UTF8.GetBytes("hello, this is not a run"), "application/octet-stream");

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported-format", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_raw_body_with_a_foreign_content_type_answers_415()
    {
        (_, string key) = await host.CreateRunnerAsync();

        using HttpResponseMessage response = await host.UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3)), "image/png");

        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Multipart_request_reports_each_file_and_stores_the_good_ones()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        byte[] good = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(100));
        byte[] other = SyntheticRuns.Fit(SyntheticRuns.HoursAgo(80));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(good), "files", "a.fit" },
            { new ByteArrayContent(good[..40]), "files", "broken.fit" },
            { new ByteArrayContent(other), "files", "b.fit" },
            { new ByteArrayContent(good), "files", "a-again.fit" },
        };

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Post, "/api/activities", key, form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement[] files = [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("files").EnumerateArray()];
        Assert.Equal(["created", "failed", "created", "duplicate"], files.Select(f => f.GetProperty("outcome").GetString()));
        Assert.Equal(["a.fit", "broken.fit", "b.fit", "a-again.fit"], files.Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal(422, files[1].GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(files[1].GetProperty("error").GetProperty("code").GetString()));
        Assert.Equal(files[0].GetProperty("activity").GetProperty("id").GetGuid(), files[3].GetProperty("duplicateOf").GetGuid());
        Assert.Equal(2, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Zip_export_stores_every_activity_inside_and_skips_other_entries()
    {
        (Guid runnerId, string key) = await host.CreateRunnerAsync();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await AddAsync(zip, "activities/1.fit", SyntheticRuns.Fit(SyntheticRuns.HoursAgo(200)));
            await AddAsync(zip, "activities/2.gpx", SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(150)));
            await AddAsync(zip, "activities.csv", Encoding.UTF8.GetBytes("id,name\n1,run\n"));
        }

        using HttpResponseMessage response = await host.UploadAsync(key, buffer.ToArray(), "application/zip", "export.zip");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement[] files = [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("files").EnumerateArray()];
        Assert.Equal(2, files.Length);
        Assert.All(files, file => Assert.Equal("created", file.GetProperty("outcome").GetString()));
        Assert.Equal(2, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runnerId));
    }

    [Fact]
    public async Task Gzipped_fit_is_read_and_served_back_as_uploaded()
    {
        (_, string key) = await host.CreateRunnerAsync();
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(20)), Cancel);
        }

        Guid id = await CreatedIdAsync(await host.UploadAsync(key, buffer.ToArray(), "application/gzip", "run.fit.gz"));

        using HttpResponseMessage original = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/file", key);
        Assert.Equal("application/gzip", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal(buffer.ToArray(), await original.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Upload_without_a_key_answers_401()
    {
        using var content = new ByteArrayContent(SyntheticRuns.Fit(SyntheticRuns.HoursAgo(3)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ant.fit");

        using HttpResponseMessage response = await host.Client.PostAsync("/api/activities", content, Cancel);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    internal static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
        }
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] content)
    {
        await using Stream stream = await zip.CreateEntry(name).OpenAsync(Cancel);
        await stream.WriteAsync(content, Cancel);
    }
}
