using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RunRecovery.Application.Authentication;

namespace RunRecovery.Application.Imports.Start;

public static class StartClubImportEndpoint
{
    public static void Map(RouteGroupBuilder clubs) =>
        clubs.MapPost("/{clubId:guid}/imports", HandleAsync)
            .DisableAntiforgery()
            .WithName("StartClubImport")
            .WithSummary("Admins: upload a club archive (raw application/zip body, or multipart/form-data with one file); answers 202 with the import to follow.")
            .Accepts<Stream>("application/zip", "multipart/form-data", "application/octet-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Accepted<ImportStatus>> HandleAsync(
        Guid clubId, HttpContext context, CurrentRunner runner, ISender sender, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        // The archive may be far larger than Kestrel's default body limit; it is counted again while it is copied.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxArchiveBytes + (1 << 20); // multipart headers and boundaries
        }

        ImportStatus import = await sender.Send(new StartClubImport(runner.Id, clubId, new HttpImportUpload(context.Request)), cancellationToken);
        return TypedResults.Accepted($"/api/clubs/{clubId}/imports/{import.Id}", import);
    }

    /// <summary>The request body itself, or the first file part of a multipart body, read straight off the wire.</summary>
    private sealed class HttpImportUpload(HttpRequest request) : IImportUpload
    {
        public async Task<(string? FileName, Stream Content)> OpenAsync(CancellationToken cancellationToken)
        {
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? type)
                || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                return (null, request.Body);
            }

            string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
                ?? throw new BadHttpRequestException("The multipart body has no boundary.");
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition)
                    && disposition.IsFileDisposition())
                {
                    string? name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return (name, section.Body);
                }
            }

            throw new BadHttpRequestException("The multipart body holds no file.");
        }
    }
}
