using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RunRecovery.Api.Tests.Activities;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Tcx;

namespace RunRecovery.Api.Tests.Security;

/// <summary>The service spooling every file over 64 KB to its own folder (issue 19, docs/security.md "Memory per upload").</summary>
public sealed class UploadSpoolHost(TestPostgres postgres) : RunnerHost(postgres)
{
    public string SpoolFolder { get; } = Path.Combine(Path.GetTempPath(), $"rr-spool-test-{Guid.NewGuid():N}");

    protected override IEnumerable<string> Settings =>
    [
        "--RunRecovery:Uploads:RateLimitPermits=0",
        "--RunRecovery:Uploads:SpoolThresholdBytes=65536",
        $"--RunRecovery:Uploads:SpoolDirectory={SpoolFolder}",
    ];

    /// <summary>Spool files this process holds open now: /proc/self/fd links into <see cref="SpoolFolder"/> (unlinked ones end in " (deleted)").</summary>
    public int OpenSpools() => Directory.GetFiles("/proc/self/fd")
        .Select(fd => { try { return new FileInfo(fd).LinkTarget; } catch (IOException) { return null; } })
        .Count(target => target is not null && target.StartsWith(SpoolFolder, StringComparison.Ordinal));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(SpoolFolder))
        {
            Directory.Delete(SpoolFolder, recursive: true);
        }
    }
}

public sealed class UploadSpoolTests(UploadSpoolHost host) : IClassFixture<UploadSpoolHost>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Formats => new()
    {
        { "fit", "raw" },
        { "tcx", "raw" },
        { "gpx", "raw" },
        { "gpx", "chunked" },
        { "tcx", "form" },
    };

    private static byte[] File(string format, DateTimeOffset start) => format switch
    {
        "fit" => SyntheticRuns.Fit(start, 60),
        // A BOM and whitespace before the declaration, as some exporters write: skipped from the spool as from memory.
        "tcx" => [.. Encoding.UTF8.GetPreamble(), .. "\n  "u8, .. TcxWriter.ToBytes(SyntheticRuns.Run(start, 60))],
        _ => SyntheticRuns.Gpx(start, 60),
    };

    private static string MediaType(string format) => format switch
    {
        "fit" => "application/vnd.ant.fit",
        "tcx" => "application/vnd.garmin.tcx+xml",
        _ => "application/gpx+xml",
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_file_over_the_spool_threshold_is_read_and_stored_byte_for_byte_and_its_spool_is_closed(string format, string how)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "open spool files are counted through /proc/self/fd");
        (_, string key) = await host.CreateRunnerAsync();
        byte[] file = File(format, SyntheticRuns.HoursAgo(5));
        Assert.True(file.Length > 65536, $"the {format} file is {file.Length} bytes, not over the 64 KB threshold");

        using HttpResponseMessage response = await SendAsync(key, file, format, how);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Guid id = await UploadTests.CreatedIdAsync(response);
        using HttpResponseMessage stored = await host.SendAsync(HttpMethod.Get, $"/api/activities/{id}/file", key);
        Assert.Equal(file, await stored.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(file.Length, await host.ScalarAsync("SELECT size_bytes FROM runrecovery.activities WHERE id = $1", id));
        Assert.Equal(1, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE id = $1 AND sha256 = $2", id, SHA256.HashData(file)));
        Assert.InRange(await host.ScalarAsync("SELECT round(distance_meters) FROM runrecovery.activities WHERE id = $1", id), 10_700, 10_900); // 60 min at 3 m/s

        // The hash taken while the bytes arrived is the one the duplicate check compares.
        using HttpResponseMessage again = await SendAsync(key, file, format, how);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        JsonElement outcome = (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("files")[0];
        Assert.Equal("same-file", outcome.GetProperty("duplicateReason").GetString());

        Assert.Equal(0, await WaitForNoOpenSpoolsAsync());
        Assert.Empty(Directory.Exists(host.SpoolFolder) ? Directory.GetFileSystemEntries(host.SpoolFolder) : []);
    }

    [Fact]
    public async Task A_client_that_aborts_mid_body_leaves_no_spool_open_and_nothing_stored()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "open spool files are counted through /proc/self/fd");
        (Guid runner, string key) = await host.CreateRunnerAsync();
        byte[] file = SyntheticRuns.Gpx(SyntheticRuns.HoursAgo(5), 60);
        Uri address = host.Client.BaseAddress!;
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(address.Host, address.Port, Cancel);
            NetworkStream stream = client.GetStream();
            string head = $"POST /api/activities HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {key}\r\n"
                + $"Content-Type: application/gpx+xml\r\nContent-Length: {file.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Cancel);
            await stream.WriteAsync(file.AsMemory(0, file.Length / 2), Cancel); // half the body, then nothing
            await stream.FlushAsync(Cancel);

            // The spool exists while the body is arriving (so the count below can fail)...
            int open = 0;
            for (int i = 0; i < 300 && open == 0; i++)
            {
                open = host.OpenSpools();
                if (open == 0)
                {
                    await Task.Delay(100, Cancel);
                }
            }

            Assert.Equal(1, open);
        }

        // ...and is closed once the connection is gone.
        Assert.Equal(0, await WaitForNoOpenSpoolsAsync());
        Assert.Empty(Directory.GetFileSystemEntries(host.SpoolFolder));
        Assert.Equal(0, await host.ScalarAsync("SELECT count(*) FROM runrecovery.activities WHERE runner_id = $1", runner));
    }

    private async Task<HttpResponseMessage> SendAsync(string key, byte[] file, string format, string how)
    {
        switch (how)
        {
            case "chunked":
                var chunked = new StreamContent(new MemoryStream(file)); // no length: sent chunked
                chunked.Headers.ContentType = new MediaTypeHeaderValue(MediaType(format));
                using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/activities") { Content = chunked })
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    request.Headers.TransferEncodingChunked = true;
                    return await host.Client.SendAsync(request, Cancel);
                }

            case "form":
                var form = new MultipartFormDataContent();
                var part = new ByteArrayContent(file);
                part.Headers.ContentType = new MediaTypeHeaderValue(MediaType(format));
                form.Add(part, "file", $"run.{format}");
                return await host.SendAsync(HttpMethod.Post, "/api/activities", key, form);
            default:
                return await host.UploadAsync(key, file, MediaType(format), $"run.{format}");
        }
    }

    /// <summary>Spools still open after the request's end has been processed (at most 30 s for a slow machine).</summary>
    private async Task<int> WaitForNoOpenSpoolsAsync()
    {
        int open = host.OpenSpools();
        for (int i = 0; i < 300 && open > 0; i++)
        {
            await Task.Delay(100, Cancel);
            open = host.OpenSpools();
        }

        return open;
    }
}
