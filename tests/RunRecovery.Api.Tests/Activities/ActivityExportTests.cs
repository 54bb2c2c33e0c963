using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats;
using RunRecovery.Formats.Model;

namespace RunRecovery.Api.Tests.Activities;

/// <summary>Issue 15: GET /api/activities/{id}/export writes the stored activity again with our FIT, GPX and TCX encoders.</summary>
public sealed class ActivityExportTests(RunnerHost host) : IClassFixture<RunnerHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("fit", "application/vnd.ant.fit")]
    [InlineData("gpx", "application/gpx+xml")]
    [InlineData("tcx", "application/vnd.garmin.tcx+xml")]
    public async Task A_real_device_file_uploaded_and_exported_reads_back_with_the_same_samples(string format, string contentType)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("fit/garmin-fenix-5-run.fit"), Cancel);
        ParsedActivity original = ActivityFile.Read(file, "run.fit");
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, file, "application/vnd.ant.fit", "run.fit");

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/export?format={format}", key);
        byte[] exported = await response.Content.ReadAsByteArrayAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        string fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName ?? "";
        Assert.Matches($@"^\d{{4}}-\d{{2}}-\d{{2}}-[a-z0-9-]+\.{format}$", fileName.Trim('"'));
        ParsedActivity copy = ActivityFile.Read(exported, fileName);
        Assert.Equal(SportWords.Running, copy.Sport);
        Assert.Equal(original.Samples.Count, copy.Samples.Count);
        for (int i = 0; i < original.Samples.Count; i++)
        {
            Assert.True(Math.Abs((original.Samples[i].Time - copy.Samples[i].Time).TotalSeconds) <= 1, $"sample {i} time");
            Assert.Equal(original.Samples[i].HeartRateBpm, copy.Samples[i].HeartRateBpm);
            Assert.Equal(original.Samples[i].HasPosition, copy.Samples[i].HasPosition);
            if (original.Samples[i].HasPosition)
            {
                Assert.Equal(original.Samples[i].LatitudeDegrees!.Value, copy.Samples[i].LatitudeDegrees!.Value, 1e-7);
                Assert.Equal(original.Samples[i].LongitudeDegrees!.Value, copy.Samples[i].LongitudeDegrees!.Value, 1e-7);
            }
        }

        // The export is an activity file like any other: uploading it gives the same distance, within a metre for FIT
        // and TCX (they carry the watch's distance); GPX carries none, so the service measures the track itself and
        // lands within 3 % of the watch's figure (157.6 m stated, 161.0 m measured for this file).
        (_, string other) = await host.CreateRunnerAsync();
        Guid again = await UploadAsync(other, exported, contentType, fileName);
        double? before = (await host.GetJsonAsync($"/api/activities/{id}", key)).GetProperty("activity").GetProperty("distanceMeters").GetDouble();
        double? after = (await host.GetJsonAsync($"/api/activities/{again}", other)).GetProperty("activity").GetProperty("distanceMeters").GetDouble();
        Assert.Equal(before!.Value, after!.Value, format == "gpx" ? before.Value * 0.03 : 1.0);
    }

    [Fact]
    public async Task A_file_with_a_device_relative_clock_exports_as_fit_only_because_gpx_and_tcx_need_dates()
    {
        // The FR70's clock counts seconds from power-on (FIT times below 0x10000000): written as GPX or TCX its times
        // would have become 1989 dates. The FIT copy keeps the device clock and reads back the same way.
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] file = await File.ReadAllBytesAsync(FixtureCorpus.PathOf("fit/compressed-speed-distance.fit"), Cancel);
        Assert.True(ActivityFile.Read(file, "fr70.fit").ClockIsDeviceRelative);
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, file, "application/vnd.ant.fit", "fr70.fit");

        foreach (string format in new[] { "gpx", "tcx" })
        {
            using HttpResponseMessage refused = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/export?format={format}", key);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            using JsonDocument problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel));
            Assert.Equal("no-calendar-date", problem.RootElement.GetProperty("code").GetString());
            Assert.Contains("FIT", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using HttpResponseMessage fit = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/export?format=fit", key);
        Assert.Equal(HttpStatusCode.OK, fit.StatusCode);
        ParsedActivity copy = ActivityFile.Read(await fit.Content.ReadAsByteArrayAsync(Cancel), "copy.fit");
        Assert.True(copy.ClockIsDeviceRelative);
        Assert.Null(copy.StartUtc);
    }

    [Fact]
    public async Task The_runners_name_and_sport_win_over_the_file_and_markup_in_the_name_is_escaped()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(30), 20), "application/gpx+xml", "run.gpx");
        await host.ScalarAsync("UPDATE runrecovery.activities SET name = $2, sport = 'walking' WHERE id = $1", id, "Hills <& repeats>");

        XDocument gpx = await ExportXmlAsync(key, id, "gpx");
        XDocument tcx = await ExportXmlAsync(key, id, "tcx");

        Assert.Equal("Hills <& repeats>", gpx.Descendants().Single(e => e.Name.LocalName == "name").Value);
        Assert.Equal("walking", gpx.Descendants().Single(e => e.Name.LocalName == "type").Value);
        Assert.Equal("Hills <& repeats>", tcx.Descendants().Single(e => e.Name.LocalName == "Notes").Value);
        Assert.Equal("Other", tcx.Descendants().Single(e => e.Name.LocalName == "Activity").Attribute("Sport")?.Value);
    }

    [Fact]
    public async Task The_accept_header_chooses_the_format_when_the_query_does_not()
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 20), "application/vnd.ant.fit", "run.fit");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/activities/{id}/export");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd("text/html;q=0.9, application/vnd.garmin.tcx+xml");

        using HttpResponseMessage response = await host.Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.garmin.tcx+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ContentKind.Tcx, ActivityFile.Detect(await response.Content.ReadAsByteArrayAsync(Cancel)));
    }

    [Theory]
    [InlineData("?format=kml", "format: expected fit, gpx or tcx, got 'kml'.")]
    [InlineData("", "format: give ?format= fit, gpx or tcx, or an Accept header naming application/vnd.ant.fit, application/gpx+xml or application/vnd.garmin.tcx+xml.")]
    public async Task An_unknown_or_missing_format_is_a_400_naming_the_parameter(string query, string message)
    {
        (_, string key) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(key, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 20), "application/vnd.ant.fit", "run.fit");

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/export{query}", key);

        JsonElement problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty("format")[0].GetString());
    }

    [Fact]
    public async Task Another_runners_activity_is_not_found()
    {
        (_, string owner) = await host.CreateRunnerAsync();
        (_, string stranger) = await host.CreateRunnerAsync();
        Guid id = await UploadAsync(owner, SyntheticRuns.Fit(SyntheticRuns.HoursAgo(30), 20), "application/vnd.ant.fit", "run.fit");

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/export?format=gpx", stranger);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<XDocument> ExportXmlAsync(string key, Guid id, string format)
    {
        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/export?format={format}", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Load(await response.Content.ReadAsStreamAsync(Cancel));
    }

    private async Task<Guid> UploadAsync(string key, byte[] file, string contentType, string fileName)
    {
        using HttpResponseMessage response = await host.UploadAsync(key, file, contentType, fileName);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("files")[0].GetProperty("activity").GetProperty("id").GetGuid();
    }
}
