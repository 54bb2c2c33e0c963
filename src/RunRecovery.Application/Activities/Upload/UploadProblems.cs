using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RunRecovery.Application.Activities.Upload;

/// <summary>Turns an <see cref="UploadResult"/> into the HTTP answer (docs/api.md, "Uploads").</summary>
public static class UploadProblems
{
    public static IResult ToHttp(UploadResult result)
    {
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
