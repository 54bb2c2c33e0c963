using System.Data;
using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Activities;
using RunRecovery.Application.Activities.Get;
using RunRecovery.Application.Checkins;
using RunRecovery.Application.Persistence;
using RunRecovery.Application.Profiles;
using RunRecovery.Application.RecommendationQueue;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RunRecovery.Application.Runners.Export;

/// <summary>Writes a ZIP of everything held about the runner to <paramref name="Destination"/>.</summary>
public sealed record ExportRunnerData(Guid RunnerId, Stream Destination) : ICommand<ExportManifest>;

/// <summary>
/// One REPEATABLE READ snapshot, so the parts agree with each other. Small parts are read with EF; the original
/// files are read by one query in sequential access, each row's bytes copied in 80 KB chunks into its ZIP entry
/// (and on to the response) while their SHA-256 is computed, so neither the archive nor a whole file is ever in
/// memory.
/// JSON parts use the API's own serializer settings and views, so they read exactly like the API's answers.
/// </summary>
public sealed class ExportRunnerDataHandler(RunRecoveryDb db, TimeProvider clock, IOptions<HttpJsonOptions> json)
    : ICommandHandler<ExportRunnerData, ExportManifest>
{
    public const string FormatName = "runrecovery-export/1";

    private JsonSerializerOptions Json => json.Value.SerializerOptions;

    public async ValueTask<ExportManifest> Handle(ExportRunnerData command, CancellationToken cancellationToken)
    {
        Guid runnerId = command.RunnerId;
        DateTimeOffset now = clock.GetUtcNow();
        await using IDbContextTransaction snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        RunnerRecords records = await RunnerRecords.LoadAsync(db, runnerId, cancellationToken);

        await using var output = new DrainingStream(command.Destination);
        ExportManifest manifest;
        await using (ZipArchive zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            manifest = await WriteArchiveAsync(zip, output, records, now, cancellationToken);
        }

        await output.DrainAsync(cancellationToken); // the central directory, written as the archive closed
        await snapshot.CommitAsync(cancellationToken);
        return manifest;
    }

    private async Task<ExportManifest> WriteArchiveAsync(
        ZipArchive zip, DrainingStream output, RunnerRecords records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        (Runner runner, RunnerSettings settings, List<Checkin> checkins, List<StoredRecommendation> recommendations,
            List<ExportedMembership> memberships, ExportedScoringState? scoring, List<Activity> activities) = records;
        var parts = new List<string>();
        await WriteJsonAsync(zip, output, parts, "runner.json", RunnerAccount.From(runner), cancellationToken);
        RunnerProfileView profile = RunnerProfileView.From(settings, runner.TimeZone) with { WebhookSecret = null };
        await WriteJsonAsync(zip, output, parts, "profile.json", new ExportedProfile(profile, settings.WebhookSecret is not null), cancellationToken);
        await WriteJsonAsync(zip, output, parts, "checkins.json", checkins.Select(CheckinView.From).ToList(), cancellationToken);
        await WriteJsonAsync(
            zip,
            output,
            parts,
            "recommendations.json",
            recommendations.Select(r => new ExportedRecommendation(
                RecommendationView.From(r, now), r.CreatedAt, r.UpdatedAt, r.DeliveryAttempts, r.DeliveredAt, r.DeliveryError)).ToList(),
            cancellationToken);
        await WriteJsonAsync(zip, output, parts, "clubs.json", memberships, cancellationToken);
        await WriteJsonAsync(zip, output, parts, "scoring.json", scoring, cancellationToken);

        Dictionary<Guid, Activity> byId = activities.ToDictionary(a => a.Id);
        foreach (Activity activity in activities)
        {
            await WriteJsonAsync(zip, output, parts, StemOf(activity) + ".json", GetActivityHandler.Detail(activity), cancellationToken);
        }

        List<ExportedFile> files = await WriteFilesAsync(zip, output, runner.Id, byId, cancellationToken);
        var manifest = new ExportManifest(
            FormatName,
            runner.Id,
            now,
            new ExportCounts(activities.Count, files.Count, files.Sum(f => f.SizeBytes), checkins.Count, recommendations.Count, memberships.Count),
            files,
            parts);
        await WriteJsonAsync(zip, output, parts: null, "manifest.json", manifest, cancellationToken);
        await WriteTextAsync(zip, output, "README.txt", ExportReadme.Text(manifest), cancellationToken);
        return manifest;
    }

    private async Task<List<ExportedFile>> WriteFilesAsync(
        ZipArchive zip, DrainingStream output, Guid runnerId, Dictionary<Guid, Activity> activities, CancellationToken cancellationToken)
    {
        DbConnection connection = db.Database.GetDbConnection();
        await using DbCommand query = connection.CreateCommand();
        query.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        query.CommandText = """
            SELECT a.id, c.content FROM runrecovery.activities a
            JOIN runrecovery.activity_contents c ON c.activity_id = a.id
            WHERE a.runner_id = @runner ORDER BY a.sort_time, a.id
            """;
        DbParameter parameter = query.CreateParameter();
        parameter.ParameterName = "runner";
        parameter.Value = runnerId;
        query.Parameters.Add(parameter);

        var files = new List<ExportedFile>();
        byte[] buffer = new byte[81920];
        await using DbDataReader reader = await query.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Activity activity = activities[reader.GetGuid(0)];
            string path = StemOf(activity) + "." + ExtensionOf(activity);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (Stream content = reader.GetStream(1))
            {
                ZipArchiveEntry entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                await using (Stream target = await entry.OpenAsync(cancellationToken))
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        await output.DrainAsync(cancellationToken);
                        size += read;
                    }
                }

                await output.DrainAsync(cancellationToken);
            }

            files.Add(new ExportedFile(
                activity.Id, path, StemOf(activity) + ".json", activity.FileName, activity.ContentType, size, Convert.ToHexStringLower(hash.GetHashAndReset())));
        }

        return files;
    }

    /// <summary><c>activities/2026-05-01T063000Z_&lt;id&gt;</c>: sortable, unique by the id, safe on every file system.</summary>
    public static string StemOf(Activity activity) =>
        $"activities/{(activity.StartUtc ?? activity.SortTime).UtcDateTime:yyyy-MM-dd'T'HHmmss'Z'}_{activity.Id:D}";

    private static string ExtensionOf(Activity activity) => activity.ContentType switch
    {
        ActivityMediaTypes.Fit => "fit",
        ActivityMediaTypes.Gpx => "gpx",
        ActivityMediaTypes.Tcx => "tcx",
        ActivityMediaTypes.Gzip => activity.Format is "fit" or "gpx" or "tcx" ? activity.Format + ".gz" : "gz",
        _ => "bin",
    };

    private async Task WriteJsonAsync<T>(
        ZipArchive zip, DrainingStream output, List<string>? parts, string path, T value, CancellationToken cancellationToken)
    {
        parts?.Add(path);
        ZipArchiveEntry entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        await using (Stream target = await entry.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(target, value, Json, cancellationToken);
        }

        await output.DrainAsync(cancellationToken);
    }

    private static async Task WriteTextAsync(ZipArchive zip, DrainingStream output, string path, string text, CancellationToken cancellationToken)
    {
        ZipArchiveEntry entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        await using (Stream target = await entry.OpenAsync(cancellationToken))
        {
            await target.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        }

        await output.DrainAsync(cancellationToken);
    }
}
