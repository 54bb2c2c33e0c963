using RunRecovery.Application.Activities.Ingest;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>Turns the files' outcomes into the HTTP answer (docs/api.md, "Uploads"): the only place upload outcomes meet status codes.</summary>
public static class UploadProblems
{
    public static IResult ToHttp(IReadOnlyList<IngestResult> files)
    {
        var result = new UploadResult([.. files.Select(ToFileOutcome)]);
        List<FileOutcome> created = [.. result.Files.Where(file => file.Outcome == FileOutcome.Created)];
        List<FileOutcome> failed = [.. result.Files.Where(file => file.Outcome == FileOutcome.Failed)];
        if (created.Count > 0)
        {
            return TypedResults.Created(created.Count == 1 ? created[0].Link : (string?)null, result);
        }

        if (failed.Count < result.Files.Count)
        {
            return TypedResults.Ok(result); // every stored file was a duplicate (and the rest failed)
        }

        // Nothing stored: the problem is the (first) file's.
        FileOutcome first = failed[0];
        int status = failed.All(file => file.Status == first.Status) ? first.Status : StatusCodes.Status422UnprocessableEntity;
        string title = status switch
        {
            StatusCodes.Status415UnsupportedMediaType => "The file is not a supported activity format.",
            StatusCodes.Status413PayloadTooLarge => "The file is too large.",
            _ => "The file could not be read.",
        };
        return Problem(status, title, first.Error?.Message, first.Error?.Code, first.Error?.Offset, first.FileName, result.Files.Count > 1 ? result.Files : null);
    }

    /// <summary>The status a file's outcome answers when it is the only file.</summary>
    public static int StatusFor(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created => StatusCodes.Status201Created,
        IngestOutcome.Duplicate => StatusCodes.Status200OK,
        IngestOutcome.Empty or IngestOutcome.InvalidName => StatusCodes.Status400BadRequest,
        IngestOutcome.TooLarge => StatusCodes.Status413PayloadTooLarge,
        IngestOutcome.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static FileOutcome ToFileOutcome(IngestResult file) => file.Outcome switch
    {
        IngestOutcome.Created => new FileOutcome(
            file.FileName, FileOutcome.Created, StatusFor(file.Outcome), file.Activity?.Link, Activity: file.Activity, Warnings: file.Warnings),
        IngestOutcome.Duplicate => new FileOutcome(
            file.FileName, FileOutcome.Duplicate, StatusFor(file.Outcome), file.DuplicateOf is { } id ? ActivitySummary.LinkTo(id) : null,
            file.DuplicateOf, file.DuplicateReason),
        _ => new FileOutcome(file.FileName, FileOutcome.Failed, StatusFor(file.Outcome), Error: file.Error),
    };

    public static ProblemHttpResult Problem(
        int status, string title, string? detail, string? code = null, long? offset = null, string? fileName = null, IReadOnlyList<FileOutcome>? files = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (code is not null)
        {
            extensions["code"] = code;
        }

        if (offset is not null)
        {
            extensions["offset"] = offset;
        }

        if (fileName is not null)
        {
            extensions["fileName"] = fileName;
        }

        if (files is not null)
        {
            extensions["files"] = files;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }
}
