using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.QueryStrings;

namespace RunRecovery.Application.Activities.Upload;

public static class UploadActivitiesEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapPost("/", HandleAsync)
            .RequireAuthorization()
            .WithMetadata(UploadAdmission.Required, UploadRateLimit.Limit, new ExtraQueryParameters("fileName"))
            .DisableAntiforgery()
            .WithName("UploadActivities")
            .WithSummary("Upload one or more FIT, GPX or TCX files (multipart/form-data), or one raw file or export archive.")
            .WithDescription(
                "Raw bodies: application/vnd.ant.fit, application/gpx+xml, application/vnd.garmin.tcx+xml, application/gzip, application/zip "
                + "(an export archive: every activity inside is a file of its own). 201 when something was stored, 200 when every file was "
                + "already stored (duplicateOf names it), otherwise the file's problem: 415 unsupported, 422 corrupt (code, message, offset), 413 too large.")
            // One Accepts for all: routing answers 415 (a problem) for any other content type.
            .Accepts<byte[]>("multipart/form-data", [.. ActivityMediaTypes.Accepted])
            .Produces<UploadResult>(StatusCodes.Status201Created)
            .Produces<UploadResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(
        HttpRequest request, CurrentRunner runner, ISender sender, IOptions<UploadOptions> options, CancellationToken cancellationToken)
    {
        // The request holds an UploadAdmission place already (taken before authentication): past the knee it was
        // refused at once (429), before its key was looked up or a byte of its body read.
        UploadOptions limits = options.Value;
        List<UploadedFile> files;
        if (request.HasFormContentType)
        {
            SetBodyLimit(request, (limits.MaxFileBytes + (1 << 20)) * limits.MaxFilesPerRequest);
            IFormCollection form;
            try
            {
                // Parts past the count limit stop the reading at once (InvalidDataException), before their bytes arrive.
                form = await request.ReadFormAsync(
                    new FormOptions { MultipartBodyLengthLimit = long.MaxValue, ValueCountLimit = limits.MaxFilesPerRequest + 16 }, cancellationToken);
            }
            catch (InvalidDataException error) when (error.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
            {
                return UploadProblems.Problem(
                    StatusCodes.Status413PayloadTooLarge, "Too many files.", $"Send at most {limits.MaxFilesPerRequest} files per request.", code: "too-many-files");
            }
            catch (InvalidDataException)
            {
                return UploadProblems.Problem(
                    StatusCodes.Status400BadRequest, "The form could not be read.", "The multipart/form-data body is malformed.", code: "malformed-form");
            }

            if (form.Files.Count == 0)
            {
                return UploadProblems.Problem(
                    StatusCodes.Status400BadRequest, "No file in the request.", "Send the files as multipart/form-data parts with a file name.", code: "no-file");
            }

            if (form.Files.Count > limits.MaxFilesPerRequest)
            {
                return UploadProblems.Problem(
                    StatusCodes.Status413PayloadTooLarge, "Too many files.", $"Send at most {limits.MaxFilesPerRequest} files per request.", code: "too-many-files");
            }

            files = [];
            foreach (IFormFile file in form.Files)
            {
                files.Add(file.Length > limits.MaxFileBytes
                    ? new UploadedFile(file.FileName, ReadOnlyMemory<byte>.Empty, TooLarge: true)
                    : new UploadedFile(file.FileName, await ReadAsync(file, cancellationToken)));
            }
        }
        else
        {
            string? mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? parsed) ? parsed.MediaType.Value : null;
            if (mediaType is null || !ActivityMediaTypes.Accepted.Contains(mediaType))
            {
                return UploadProblems.Problem(
                    StatusCodes.Status415UnsupportedMediaType,
                    "Unsupported content type.",
                    $"Send multipart/form-data or one of {string.Join(", ", ActivityMediaTypes.Accepted)}; got '{request.ContentType}'.");
            }

            if (request.ContentLength > limits.MaxFileBytes)
            {
                return TooLarge(limits);
            }

            SetBodyLimit(request, limits.MaxFileBytes);
            byte[]? body = await ReadAtMostAsync(request, limits.MaxFileBytes, cancellationToken);
            if (body is null)
            {
                return TooLarge(limits);
            }

            if (body.Length == 0)
            {
                return UploadProblems.Problem(StatusCodes.Status400BadRequest, "The body is empty.", "Send the file's bytes as the request body.", code: "empty-file");
            }

            files = [new UploadedFile(FileNameOf(request), body)];
        }

        return UploadProblems.ToHttp(await sender.Send(new UploadActivities(runner.Id, files), cancellationToken));
    }

    private static ProblemHttpResult TooLarge(UploadOptions limits) => UploadProblems.Problem(
        StatusCodes.Status413PayloadTooLarge, "The file is too large.", $"Files may be at most {limits.MaxFileBytes} bytes.", code: "too-large");

    private static void SetBodyLimit(HttpRequest request, long bytes)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = bytes;
        }
    }

    private static string? FileNameOf(HttpRequest request)
    {
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out ContentDispositionHeaderValue? disposition))
        {
            string? name = disposition.FileNameStar.Value ?? disposition.FileName.Value?.Trim('"');
            if (!string.IsNullOrWhiteSpace(name))
            {
                return Path.GetFileName(name);
            }
        }

        return request.Query["fileName"].FirstOrDefault() is { Length: > 0 } query ? Path.GetFileName(query) : null;
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        var buffer = new byte[file.Length];
        await using Stream stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>
    /// The body, or null when it passes <paramref name="limit"/> bytes. With a Content-Length (what clients send) it is
    /// read straight into one array of that size: no growing buffer and no copy, and an upload under 85,000 bytes
    /// never touches the large object heap. A chunked body grows a pooled buffer and is copied out once.
    /// </summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        try
        {
            if (request.ContentLength is { } length)
            {
                if (length > limit)
                {
                    return null;
                }

                var exact = new byte[length];
                await request.Body.ReadExactlyAsync(exact, cancellationToken); // Kestrel enforces the length
                return exact;
            }

            return await ReadChunkedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int filled = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (filled > limit)
                {
                    return null;
                }

                if (filled == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)buffer.Length * 2));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return buffer.AsSpan(0, filled).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
