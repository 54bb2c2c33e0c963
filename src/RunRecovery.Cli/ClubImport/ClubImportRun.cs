using System.Globalization;
using System.Net;
using System.Text.Json;
using Spectre.Console;

namespace RunRecovery.Cli.ClubImport;

/// <summary>Uploads the archive (streamed; a folder is zipped on the fly), follows the import until it ends, prints the summary.</summary>
public static class ClubImportRun
{
    private static readonly string[] Finished = ["completed", "completed-with-errors", "failed", "cancelled"];

    public static async Task<int> RunAsync(ClubImportSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using HttpClient? http = await ServiceClient.OpenAsync("club-import", settings.Server, settings.Key, Timeout.InfiniteTimeSpan, error);
        if (http is null)
        {
            return CliApp.BadUsage;
        }

        if (!File.Exists(settings.Path) && !Directory.Exists(settings.Path))
        {
            await error.WriteLineAsync($"runrecovery club-import: {settings.Path}: no such file or folder");
            return CliApp.BadUsage;
        }

        bool interactive = Consoles.IsTerminal(output);
        IAnsiConsole console = Consoles.For(output);

        long sent = 0;
        (HttpContent content, long total) = Open(settings.Path, bytes => Interlocked.Add(ref sent, bytes));
        using (content)
        {
            await output.WriteLineAsync($"Uploading {settings.Path} ({Size(total)}{(content is ZipFolderContent ? " before compression" : "")})");
            Task<HttpResponseMessage> upload = http.PostAsync($"/api/clubs/{settings.Club}/imports", content, cancellationToken);
            await ShowAsync(console, interactive, "Uploading", () => (Interlocked.Read(ref sent), total, null), upload, output, settings.Poll, cancellationToken);

            HttpResponseMessage response;
            try
            {
                response = await upload;
            }
            catch (HttpRequestException failure)
            {
                await error.WriteLineAsync($"runrecovery club-import: the upload failed: {failure.Message}");
                return CliApp.SomeInputFailed;
            }

            using (response)
            {
                string body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is not { } location)
                {
                    await error.WriteLineAsync($"runrecovery club-import: the service refused the archive ({(int)response.StatusCode}): {Describe(body)}");
                    return CliApp.SomeInputFailed;
                }

                await output.WriteLineAsync($"Uploaded; import {JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid()} is queued. Following {location}");
                JsonElement import = await FollowAsync(http, location, console, interactive, output, settings.Poll, cancellationToken);
                WriteSummary(console, import);
                string state = import.GetProperty("state").GetString() ?? "";
                return state is "completed" ? CliApp.Success : CliApp.SomeInputFailed;
            }
        }
    }

    private static (HttpContent Content, long Total) Open(string path, Action<long> progressed)
    {
        if (File.Exists(path))
        {
            return (new ProgressFileContent(path, progressed), new FileInfo(path).Length);
        }

        string[] files = [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        var folder = new ZipFolderContent(path, files, progressed);
        return (folder, folder.SourceBytes);
    }

    private static async Task<JsonElement> FollowAsync(
        HttpClient http, Uri location, IAnsiConsole console, bool interactive, TextWriter output, TimeSpan poll, CancellationToken cancellationToken)
    {
        JsonElement import = await ReadAsync(http, location, cancellationToken);
        string last = "";
        async Task<bool> StepAsync()
        {
            import = await ReadAsync(http, location, cancellationToken);
            if (!interactive && Line(import) is { } line && line != last)
            {
                last = line;
                await output.WriteLineAsync(line);
            }

            return Finished.Contains(import.GetProperty("state").GetString());
        }

        if (interactive)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    ProgressTask task = context.AddTask("Importing", maxValue: 1);
                    task.IsIndeterminate = true;
                    while (!await StepAsync())
                    {
                        task.Description = Markup.Escape(Line(import));
                        await Task.Delay(poll, cancellationToken);
                    }

                    task.IsIndeterminate = false;
                    task.Value = 1;
                    task.Description = Markup.Escape(Line(import));
                });
            return import;
        }

        while (!await StepAsync())
        {
            await Task.Delay(poll, cancellationToken);
        }

        return import;
    }

    private static async Task ShowAsync(
        IAnsiConsole console, bool interactive, string label, Func<(long Done, long Total, string? Note)> read, Task running,
        TextWriter output, TimeSpan poll, CancellationToken cancellationToken)
    {
        if (interactive)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    (_, long total, _) = read();
                    ProgressTask task = context.AddTask(label, maxValue: Math.Max(total, 1));
                    while (!running.IsCompleted)
                    {
                        task.Value = read().Done;
                        await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken));
                    }

                    task.Value = task.MaxValue;
                });
            return;
        }

        int lastQuarter = -1;
        while (!running.IsCompleted)
        {
            (long done, long total, _) = read();
            int quarter = total > 0 ? (int)(done * 4 / total) : 0;
            if (quarter != lastQuarter)
            {
                lastQuarter = quarter;
                await output.WriteLineAsync($"{label}: {Size(done)} of {Size(total)}");
            }

            await Task.WhenAny(running, Task.Delay(poll, cancellationToken));
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, Uri location, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync(location, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(body).RootElement.Clone()
            : throw new HttpRequestException($"reading the import answered {(int)response.StatusCode}: {Describe(body)}");
    }

    private static string Line(JsonElement import)
    {
        JsonElement counts = import.GetProperty("counts");
        string rate = import.TryGetProperty("runsPerSecond", out JsonElement r) && r.ValueKind == JsonValueKind.Number
            ? $", {r.GetDouble().ToString("0.0", CultureInfo.InvariantCulture)} runs/s" : "";
        return $"[{import.GetProperty("state").GetString()}] seen {N(counts, "seen")}: {N(counts, "imported")} imported, "
            + $"{N(counts, "duplicates")} duplicate, {N(counts, "skipped")} skipped, {N(counts, "failed")} failed{rate}";
    }

    private static void WriteSummary(IAnsiConsole console, JsonElement import)
    {
        JsonElement counts = import.GetProperty("counts");
        console.Write(new Table().Border(TableBorder.Rounded)
            .AddColumns("State", "Seen", "Imported", "Duplicates", "Skipped", "Failed", "Runs/s")
            .AddRow(
                Markup.Escape(import.GetProperty("state").GetString() ?? ""),
                N(counts, "seen"), N(counts, "imported"), N(counts, "duplicates"), N(counts, "skipped"), N(counts, "failed"),
                import.TryGetProperty("runsPerSecond", out JsonElement rate) && rate.ValueKind == JsonValueKind.Number
                    ? rate.GetDouble().ToString("0.0", CultureInfo.InvariantCulture) : "–"));

        JsonElement problems = import.GetProperty("problems");
        if (problems.GetArrayLength() > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("File", "Outcome", "Reason");
            foreach (JsonElement problem in problems.EnumerateArray())
            {
                string outcome = problem.GetProperty("outcome").GetString() ?? "";
                table.AddRow(
                    Markup.Escape(problem.GetProperty("path").GetString() ?? ""),
                    outcome == "failed" ? "[red]failed[/]" : "[yellow]skipped[/]",
                    Markup.Escape($"{problem.GetProperty("code").GetString()}: {problem.GetProperty("message").GetString()}"));
            }

            console.Write(table);
        }

        if (import.TryGetProperty("error", out JsonElement stop) && stop.ValueKind == JsonValueKind.Object)
        {
            console.MarkupLine($"[red]Import stopped: {Markup.Escape(stop.GetProperty("code").GetString() ?? "")}: {Markup.Escape(stop.GetProperty("message").GetString() ?? "")}[/]");
        }

        console.WriteLine(Line(import));
    }

    private static string N(JsonElement counts, string name) => counts.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture)} GB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KB",
    };

    private static string Describe(string body)
    {
        try
        {
            JsonElement problem = JsonDocument.Parse(body).RootElement;
            string detail = problem.TryGetProperty("detail", out JsonElement d) ? d.GetString() ?? "" : "";
            if (problem.TryGetProperty("errors", out JsonElement errors))
            {
                detail += string.Join("; ", errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(e => e.GetString())));
            }

            return detail.Length > 0 ? detail : problem.TryGetProperty("title", out JsonElement t) ? t.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
