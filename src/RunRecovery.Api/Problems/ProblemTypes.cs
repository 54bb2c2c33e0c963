namespace RunRecovery.Api.Problems;

/// <summary>
/// A stable problem <c>type</c> for the statuses ASP.NET Core leaves without one (it fills in 400, 401, 403, 404,
/// 405, 406, 408, 409, 412, 415, 422, 426, 500, 502, 503 and 504 itself): links to the RFC section defining each.
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
}
