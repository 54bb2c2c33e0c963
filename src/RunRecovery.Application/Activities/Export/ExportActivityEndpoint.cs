using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Application.Activities.Export;

public static class ExportActivityEndpoint
{
    public static void Map(RouteGroupBuilder activities) =>
        activities.MapGet("/{id:guid}/export", HandleAsync)
            .RequireAuthorization()
            .WithName("ExportActivity")
            .WithSummary("The activity written again as FIT, GPX or TCX by our encoders (?format=fit|gpx|tcx, or an Accept header naming one of the three content types), as an attachment.")
            .Produces<byte[]>(StatusCodes.Status200OK, ActivityMediaTypes.Fit, ActivityMediaTypes.Gpx, ActivityMediaTypes.Tcx)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<FileContentHttpResult> HandleAsync(
        Guid id, HttpRequest request, CurrentRunner runner, ISender sender, CancellationToken cancellationToken, string? format = null)
    {
        ActivityFormat chosen = Choose(format, request.Headers.Accept);
        ExportedActivityFile file = await sender.Send(new ExportActivity(runner.Id, id, chosen), cancellationToken);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static ActivityFormat Choose(string? format, IEnumerable<string?> accept)
    {
        if (format is not null)
        {
            return ActivityExportFormats.TryParse(format, out ActivityFormat parsed) ? parsed : throw Invalid(
                $"format: expected {ActivityExportFormats.Words}, got '{(format.Length > 40 ? format[..40] : format)}'.");
        }

        return ActivityExportFormats.FromAccept(accept) ?? throw Invalid(
            $"format: give ?format= {ActivityExportFormats.Words}, or an Accept header naming {ActivityMediaTypes.Fit}, {ActivityMediaTypes.Gpx} or {ActivityMediaTypes.Tcx}.");
    }

    private static RequestValidationException Invalid(string message) =>
        new(new Dictionary<string, string[]> { ["format"] = [message] });
}
