using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Spectre.Console;

namespace RunRecovery.Cli.Upload;

/// <summary>Expands the paths, uploads each file (raw body, content type from the extension), and prints the summary.</summary>
public static class UploadRun
{
    private const int MaxRetriesOn429 = 5;

    private static readonly string[] Extensions = [".fit", ".gpx", ".tcx", ".gz", ".zip"];

    public static async Task<int> RunAsync(UploadSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using HttpClient? http = await ServiceClient.OpenAsync("upload", settings.Server, settings.Key, TimeSpan.FromMinutes(5), error);
        if (http is null)
        {
            return CliApp.BadUsage;
        }

        List<string> files = [];
        bool missing = false;
        foreach (string path in settings.Paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(file => Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                await error.WriteLineAsync($"runrecovery upload: {path}: no such file or folder");
                missing = true;
            }
        }

        if (missing)
        {
            return CliApp.BadUsage;
        }

        IAnsiConsole console = Consoles.For(output);
        var results = new List<UploadFileResult>();
        if (Consoles.IsTerminal(output))
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    ProgressTask task = context.AddTask($"Uploading {files.Count} file(s)", maxValue: Math.Max(files.Count, 1));
                    await UploadAllAsync(http, files, settings.Parallel, results, _ => task.Increment(1), cancellationToken);
                });
        }
        else
        {
            int done = 0;
            await UploadAllAsync(http, files, settings.Parallel, results, file =>
            {
                int n = Interlocked.Increment(ref done);
                lock (output)
                {
                    output.WriteLine($"[{n}/{files.Count}] {file}");
                }
            }, cancellationToken);
        }

        WriteSummary(console, results);
        return results.Exists(r => r.Outcome == "failed") ? CliApp.SomeInputFailed : CliApp.Success;
    }

    private static async Task UploadAllAsync(
        HttpClient http, List<string> files, int parallel, List<UploadFileResult> results, Action<string> progressed, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (file, token) =>
        {
            IReadOnlyList<UploadFileResult> outcome = await UploadOneAsync(http, file, token);
            lock (results)
            {
                results.AddRange(outcome);
            }

            progressed(file);
        });
        results.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
    }

    /// <summary>Sends one file; on 429 waits for <c>Retry-After</c> (telling <paramref name="waiting"/>) and tries again, up to 5 times.</summary>
    public static async Task<IReadOnlyList<UploadFileResult>> UploadOneAsync(
        HttpClient http, string file, CancellationToken cancellationToken, Func<TimeSpan, Task>? waiting = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        byte[] bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        for (int attempt = 0; ; attempt++)
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentTypeOf(file));
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = Path.GetFileName(file) };
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync("/api/activities", content, cancellationToken);
            }
            catch (HttpRequestException failure)
            {
                return [new UploadFileResult(file, "failed", null, $"cannot reach the service: {failure.Message}")];
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRetriesOn429)
                {
                    TimeSpan wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                    if (waiting is not null)
                    {
                        await waiting(wait);
                    }

                    await Task.Delay(wait, cancellationToken);
                    continue;
                }

                return Read(file, (int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
    }

    private static List<UploadFileResult> Read(string file, int status, string body)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return [new UploadFileResult(file, "failed", status, $"HTTP {status}")];
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("files", out JsonElement files) && status is 200 or 201)
        {
            return [.. files.EnumerateArray().Select(f => FromOutcome(file, f))];
        }

        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("files", out JsonElement failedFiles))
        {
            return [.. failedFiles.EnumerateArray().Select(f => FromOutcome(file, f))];
        }

        string detail = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out JsonElement d) ? d.GetString() ?? ""
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("title", out JsonElement t) ? t.GetString() ?? ""
            : $"HTTP {status}";
        string code = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out JsonElement c) ? $"{c.GetString()}: " : "";
        return [new UploadFileResult(file, "failed", status, code + detail)];
    }

    private static UploadFileResult FromOutcome(string file, JsonElement outcome)
    {
        string name = outcome.TryGetProperty("fileName", out JsonElement n) && n.GetString() is { } inner && inner.Contains('!', StringComparison.Ordinal)
            ? inner
            : file;
        string kind = outcome.GetProperty("outcome").GetString() ?? "failed";
        int status = outcome.GetProperty("status").GetInt32();
        string detail = kind switch
        {
            "failed" when outcome.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.Object =>
                $"{e.GetProperty("code").GetString()}: {e.GetProperty("message").GetString()}",
            _ when outcome.TryGetProperty("link", out JsonElement link) && link.ValueKind == JsonValueKind.String => link.GetString()!,
            _ => "",
        };
        return new UploadFileResult(name, kind, status, detail);
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".fit" => "application/vnd.ant.fit",
        ".gpx" => "application/gpx+xml",
        ".tcx" => "application/vnd.garmin.tcx+xml",
        ".gz" => "application/gzip",
        ".zip" => "application/zip",
        _ => "application/octet-stream",
    };

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteSummary(IAnsiConsole console, List<UploadFileResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("File", "Outcome", "Detail");
        foreach (UploadFileResult r in results)
        {
            string outcome = r.Outcome switch
            {
                "created" => "[green]created[/]",
                "duplicate" => "[yellow]duplicate[/]",
                _ => $"[red]failed{(r.Status is { } s ? $" ({s})" : "")}[/]",
            };
            table.AddRow(Markup.Escape(r.File), outcome, Markup.Escape(r.Detail));
        }

        console.Write(table);
        int created = results.Count(r => r.Outcome == "created");
        int duplicate = results.Count(r => r.Outcome == "duplicate");
        int failed = results.Count(r => r.Outcome == "failed");
        console.Write(new Table().Border(TableBorder.Rounded).AddColumns("Created", "Duplicate", "Failed")
            .AddRow(Number(created), Number(duplicate), Number(failed)));
        console.WriteLine($"{created} created, {duplicate} duplicate, {failed} failed");
    }
}
