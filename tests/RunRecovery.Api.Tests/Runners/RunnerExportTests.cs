using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunRecovery.Api.Tests.Clubs;
using RunRecovery.Api.Tests.Jobs;

namespace RunRecovery.Api.Tests.Runners;

/// <summary>GET /api/runners/me/export: every original file byte for byte, and JSON parts that read like the API.</summary>
[Collection(typeof(JobServerCollection))]
public sealed class RunnerExportTests(DataRightsHost host) : IClassFixture<DataRightsHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_holds_every_file_byte_identical_and_parts_that_match_the_api_and_nothing_of_another_runner()
    {
        var clubs = new ClubClient(host.Client);
        PopulatedRunner a = await DataRightsScenario.PopulateAsync(host, "a");
        PopulatedRunner b = await DataRightsScenario.PopulateAsync(host, "b");
        Guid club = await clubs.CreateClubAsync(a.Key, "Export club");
        await clubs.JoinAsync(b.Key, await clubs.InviteAsync(a.Key, club));

        using HttpResponseMessage response = await host.SendAsync(HttpMethod.Get, "/api/runners/me/export", a.Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.TransferEncodingChunked, "the archive is streamed as it is written, not buffered to learn its length");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        string fileName = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Matches(@"^runrecovery-export-\d{4}-\d{2}-\d{2}\.zip$", fileName);
        DateTime date = DateTime.ParseExact(fileName[19..29], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(date, DateTime.UtcNow.Date.AddDays(-1), DateTime.UtcNow.Date);
        byte[] archive = await response.Content.ReadAsByteArrayAsync(Cancel);
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        Dictionary<string, byte[]> entries = zip.Entries.ToDictionary(e => e.FullName, Read);

        // manifest.json: counts, and every original file present, byte-identical to what was uploaded.
        JsonElement manifest = Json(entries["manifest.json"]);
        Assert.Equal(a.Id, manifest.GetProperty("runnerId").GetGuid());
        JsonElement counts = manifest.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("activities").GetInt32());
        Assert.Equal(2, counts.GetProperty("files").GetInt32());
        Assert.Equal(a.Files.Values.Sum(f => (long)f.Length), counts.GetProperty("fileBytes").GetInt64());
        Assert.Equal(1, counts.GetProperty("checkins").GetInt32());
        Assert.Equal(a.RecommendationIds.Count, counts.GetProperty("recommendations").GetInt32());
        Assert.Equal(1, counts.GetProperty("clubMemberships").GetInt32());
        JsonElement[] files = [.. manifest.GetProperty("files").EnumerateArray()];
        Assert.Equal(a.Files.Keys.Order(), files.Select(f => f.GetProperty("activityId").GetGuid()).Order());
        foreach (JsonElement file in files)
        {
            byte[] uploaded = a.Files[file.GetProperty("activityId").GetGuid()];
            byte[] exported = entries[file.GetProperty("path").GetString()!];
            Assert.Equal(PopulatedRunner.Sha256Hex(uploaded), PopulatedRunner.Sha256Hex(exported));
            Assert.Equal(PopulatedRunner.Sha256Hex(uploaded), file.GetProperty("sha256").GetString());
            Assert.Equal(uploaded.Length, file.GetProperty("sizeBytes").GetInt64());

            // Each activity's JSON is exactly GET /api/activities/{id}.
            Guid id = file.GetProperty("activityId").GetGuid();
            AssertSameJson(await host.GetJsonAsync($"/api/activities/{id}", a.Key), Json(entries[file.GetProperty("detailPath").GetString()!]));
        }

        // The other parts read like the API's answers (the webhook secret is the one thing left out).
        AssertSameJson(await host.GetJsonAsync("/api/runners/me", a.Key), Json(entries["runner.json"]));
        JsonElement apiProfile = await host.GetJsonAsync("/api/runners/me/profile", a.Key);
        string secret = apiProfile.GetProperty("webhookSecret").GetString()!;
        JsonObject expectedProfile = JsonNode.Parse(apiProfile.GetRawText())!.AsObject();
        expectedProfile["webhookSecret"] = null;
        JsonElement profile = Json(entries["profile.json"]);
        Assert.True(JsonNode.DeepEquals(expectedProfile, JsonNode.Parse(profile.GetProperty("profile").GetRawText())), profile.GetRawText());
        Assert.True(profile.GetProperty("webhookSecretHeld").GetBoolean());
        AssertSameJson(await host.GetJsonAsync("/api/runners/me/checkins", a.Key), Json(entries["checkins.json"]));
        Dictionary<string, JsonElement> apiRecommendations = (await host.GetJsonAsync("/api/runners/me/recommendations", a.Key)).EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetString()!);
        JsonElement[] exportedRecommendations = [.. Json(entries["recommendations.json"]).EnumerateArray().Select(r => r.GetProperty("recommendation"))];
        Assert.Equal(apiRecommendations.Count, exportedRecommendations.Length);
        Assert.All(exportedRecommendations, r => AssertSameJson(apiRecommendations[r.GetProperty("id").GetString()!], r));
        Assert.Contains(exportedRecommendations, r => r.GetProperty("dismissReason").GetString() == $"no time {a.Marker}");
        JsonElement membership = Assert.Single(Json(entries["clubs.json"]).EnumerateArray());
        Assert.Equal("Export club", membership.GetProperty("clubName").GetString());
        Assert.Equal("admin", membership.GetProperty("role").GetString());
        Assert.True(Json(entries["scoring.json"]).GetProperty("recomputes").GetInt64() > 0);
        Assert.Contains("2 original files", Encoding.UTF8.GetString(entries["README.txt"]), StringComparison.Ordinal);

        // Nothing of B (a fellow club member), and never the webhook secret, anywhere in the archive.
        string[] forbidden = [secret, b.Id.ToString(), b.Email, b.Name, b.Marker, .. b.Files.Keys.Select(id => id.ToString())];
        foreach ((string path, byte[] content) in entries)
        {
            string text = Encoding.Latin1.GetString(content);
            Assert.All(forbidden, needle => Assert.DoesNotContain(needle, text, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains(entries.Values, content => Encoding.Latin1.GetString(content).Contains(a.Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_needs_a_key()
    {
        using HttpResponseMessage response = await host.Client.GetAsync("/api/runners/me/export", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using Stream stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static JsonElement Json(byte[] content) => JsonDocument.Parse(content).RootElement;

    private static void AssertSameJson(JsonElement expected, JsonElement actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonNode.Parse(actual.GetRawText())),
            $"expected {expected.GetRawText()}\nactual   {actual.GetRawText()}");
}
