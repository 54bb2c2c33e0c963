using Microsoft.AspNetCore.Http.Features;

namespace RunRecovery.Api.Problems;

/// <summary>
/// Completes problems ASP.NET Core writes itself (status code pages, rejected bodies): a stable <c>type</c> for the
/// statuses it leaves without one (it fills in 400, 401, 403, 404, 405, 406, 408, 409, 412, 415, 422, 426, 500,
/// 502, 503 and 504), and for a 413 without a detail, the body limit that was passed.
/// </summary>
internal static class ProblemTypes
{
    public static string? For(int? status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        _ => null,
    };

    public static void Complete(ProblemDetailsContext context)
    {
        context.ProblemDetails.Type ??= For(context.ProblemDetails.Status);
        if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
        {
            long? limit = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            context.ProblemDetails.Detail = limit is null
                ? "The request body is too large."
                : $"The request body is larger than this endpoint's limit of {limit} bytes.";
        }
    }
}
