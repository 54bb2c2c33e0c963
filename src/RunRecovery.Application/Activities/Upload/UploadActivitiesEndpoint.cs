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
                return TooManyFiles(limits);
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
                return TooManyFiles(limits);
            }

            files = [];
            foreach (IFormFile file in form.Files)
            {
                files.Add(file.Length > limits.MaxFileBytes
                    ? new UploadedFile(file.FileName, ReadOnlyMemory<byte>.Empty, TooLarge: true)
                    : file.Length > limits.SpoolThresholdBytes
                        ? new UploadedFile(file.FileName, ReadOnlyMemory<byte>.Empty) { Spooled = await SpoolAsync(request, file, limits, cancellationToken) }
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
            UploadedFile? body = await ReadAtMostAsync(request, FileNameOf(request), limits, cancellationToken);
            if (body is null)
            {
                return TooLarge(limits);
            }

            if (body.Spooled is null && body.Content.IsEmpty)
            {
                return UploadProblems.Problem(StatusCodes.Status400BadRequest, "The body is empty.", "Send the file's bytes as the request body.", code: "empty-file");
            }

            files = [body];
        }

        return UploadProblems.ToHttp(await sender.Send(new UploadActivities(runner.Id, files), cancellationToken));
    }

    private static ProblemHttpResult TooManyFiles(UploadOptions limits) => UploadProblems.Problem(
        StatusCodes.Status413PayloadTooLarge, "Too many files.", $"Send at most {limits.MaxFilesPerRequest} files per request.", code: "too-many-files");

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

    /// <summary>A form part larger than <see cref="UploadOptions.SpoolThresholdBytes"/>, spooled (closed when the request ends).</summary>
    private static async Task<SpooledContent> SpoolAsync(HttpRequest request, IFormFile file, UploadOptions limits, CancellationToken cancellationToken)
    {
        await using Stream stream = file.OpenReadStream();
        SpooledContent spooled = await SpooledContent.ReceiveAsync(stream, ReadOnlyMemory<byte>.Empty, limits.MaxFileBytes, limits.SpoolFolder, cancellationToken)
            ?? throw new InvalidDataException("A form part grew past its stated length."); // its length was checked above
        request.HttpContext.Response.RegisterForDispose(spooled);
        return spooled;
    }

    /// <summary>
    /// The body as a file, or null when it passes <see cref="UploadOptions.MaxFileBytes"/>. Up to
    /// <see cref="UploadOptions.SpoolThresholdBytes"/> it is held in memory: with a Content-Length (what clients send)
    /// read straight into one array of that size (no growing buffer, no copy, and an upload under 85,000 bytes never
    /// touches the large object heap); a chunked body grows a pooled buffer and is copied out once. A larger body is
    /// spooled to disk as it arrives (<see cref="SpooledContent"/>), closed when the request ends, aborted or not.
    /// </summary>
    private static async Task<UploadedFile?> ReadAtMostAsync(HttpRequest request, string? fileName, UploadOptions limits, CancellationToken cancellationToken)
    {
        long limit = limits.MaxFileBytes;
        try
        {
            if (request.ContentLength is { } length)
            {
                if (length > limit)
                {
                    return null;
                }

                if (length > limits.SpoolThresholdBytes)
                {
                    return await SpoolAsync(request, ReadOnlyMemory<byte>.Empty, limits, fileName, cancellationToken);
                }

                var exact = new byte[length];
                await request.Body.ReadExactlyAsync(exact, cancellationToken); // Kestrel enforces the length
                return new UploadedFile(fileName, exact);
            }

            return await ReadChunkedAsync(request, fileName, limits, cancellationToken);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static async Task<UploadedFile?> SpoolAsync(
        HttpRequest request, ReadOnlyMemory<byte> prefix, UploadOptions limits, string? fileName, CancellationToken cancellationToken)
    {
        SpooledContent? spooled = await SpooledContent.ReceiveAsync(request.Body, prefix, limits.MaxFileBytes, limits.SpoolFolder, cancellationToken);
        if (spooled is null)
        {
            return null;
        }

        request.HttpContext.Response.RegisterForDispose(spooled);
        return new UploadedFile(fileName, ReadOnlyMemory<byte>.Empty) { Spooled = spooled };
    }

    private static async Task<UploadedFile?> ReadChunkedAsync(HttpRequest request, string? fileName, UploadOptions limits, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int filled = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (filled > limits.MaxFileBytes)
                {
                    return null;
                }

                if (filled > limits.SpoolThresholdBytes)
                {
                    return await SpoolAsync(request, buffer.AsMemory(0, filled), limits, fileName, cancellationToken);
                }

                if (filled == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)buffer.Length * 2));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return new UploadedFile(fileName, buffer.AsSpan(0, filled).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
