using System.IO.Compression;
using Hangfire;
using Microsoft.Extensions.Options;
using RunRecovery.Application.Clubs;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Imports.Process;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Start;

/// <summary>Where the archive's bytes come from; opened only after the caller is known to be the club's admin.</summary>
public interface IImportUpload
{
    /// <summary>The uploaded file's name (when the client sent one) and its bytes, read as they arrive.</summary>
    Task<(string? FileName, Stream Content)> OpenAsync(CancellationToken cancellationToken);
}

public sealed record StartClubImport(Guid RunnerId, Guid ClubId, IImportUpload Upload) : ICommand<ImportStatus>;

/// <summary>
/// Streams the archive to storage as it arrives (a fixed 1 MB buffer; never the whole archive in memory),
/// checks that it is a ZIP within the entry limit, records the import and enqueues its job.
/// </summary>
public sealed class StartClubImportHandler(RunRecoveryDb db, IBackgroundJobClient jobs, TimeProvider clock, IOptions<ImportOptions> options)
    : ICommandHandler<StartClubImport, ImportStatus>
{
    public async ValueTask<ImportStatus> Handle(StartClubImport command, CancellationToken cancellationToken)
    {
        await db.RequireAdminAsync(command.ClubId, command.RunnerId, cancellationToken);
        ImportOptions limits = options.Value;
        DateTimeOffset now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        string path = limits.StoragePath(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // StoragePath is always a full path with a folder

        long size;
        string? fileName;
        try
        {
            (fileName, Stream content) = await command.Upload.OpenAsync(cancellationToken);
            if (fileName is not null && fileName.Contains('\0', StringComparison.Ordinal))
            {
                // Checked before any byte is copied; PostgreSQL text cannot hold NUL.
                throw new RequestValidationException(new Dictionary<string, string[]>
                {
                    ["fileName"] = ["The archive's file name contains a NUL character; send the name without it."],
                });
            }

            size = await CopyBoundedAsync(content, path, limits.MaxArchiveBytes, cancellationToken);
            CheckArchive(path, limits);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        // The check and the reservation (the queued row) are one step: the club's row is locked until the row is
        // committed, so two archives arriving at once are counted one after the other, never both against the same total.
        var import = new ClubImport
        {
            Id = id,
            ClubId = command.ClubId,
            CreatedBy = command.RunnerId,
            FileName = Path.GetFileName(fileName ?? "archive.zip") is { Length: > 0 and <= 500 } name ? name : "archive.zip",
            SizeBytes = size,
            State = ImportState.Queued,
            CreatedAt = now,
        };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM runrecovery.clubs WHERE id = {command.ClubId} FOR UPDATE", cancellationToken);
            long held = await ClubStorage.LiveBytesAsync(db, limits, command.ClubId, null, cancellationToken);
            if (held + size > limits.MaxClubStorageBytes)
            {
                throw new ServiceBusyException(
                    $"This club's unfinished imports hold {held} bytes in storage; with this archive ({size} bytes) they would pass the club's limit of {limits.MaxClubStorageBytes} bytes. Try again when they have finished, or cancel one.")
                {
                    Code = "club-storage-full",
                    RetryAfterSeconds = 60,
                };
            }

            db.ClubImports.Add(import);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            File.Delete(path); // refused, or not recorded: nothing of it stays
            throw;
        }

        jobs.Enqueue<RunClubImportJob>(job => job.RunAsync(id, CancellationToken.None));
        return ImportStatus.From(import, ImportCounts.None, [], now);
    }

    private static async Task<long> CopyBoundedAsync(Stream source, string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new PayloadTooLargeException($"The archive is larger than the limit of {maxBytes} bytes.");
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    /// <summary>Reads only the ZIP's central directory: refuses non-ZIPs, empty archives and too many top-level entries at once.</summary>
    private static void CheckArchive(string path, ImportOptions limits)
    {
        int entries;
        try
        {
            using var zip = ZipFile.OpenRead(path);
            entries = zip.Entries.Count;
        }
        catch (InvalidDataException error)
        {
            throw Invalid($"The upload is not a readable ZIP archive ({error.Message}).");
        }

        if (entries == 0)
        {
            throw Invalid("The archive is empty.");
        }

        if (entries > limits.MaxEntries)
        {
            throw Invalid($"The archive has {entries} entries; at most {limits.MaxEntries} are read.");
        }
    }

    private static RequestValidationException Invalid(string message) =>
        new(new Dictionary<string, string[]> { ["archive"] = [message] });
}
