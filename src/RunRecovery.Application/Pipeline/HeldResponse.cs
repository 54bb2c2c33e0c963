namespace RunRecovery.Application.Pipeline;

/// <summary>
/// Runs the rest of the pipeline with the response body held in memory, for a middleware that decides after the
/// endpoint what goes out: the failed-authentication limit (the answer, or 429 when the credential was refused) and
/// <c>Idempotency-Key</c> (the answer, stored for a retry). The response's own body stream is back in place when it
/// returns or throws; the caller writes the held bytes to it, or not.
/// </summary>
public static class HeldResponse
{
    /// <summary>The body <paramref name="next"/> wrote, at position 0; the caller disposes it.</summary>
    public static async Task<MemoryStream> RunAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Stream body = context.Response.Body;
        var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
            held.Position = 0;
            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
        finally
        {
            context.Response.Body = body;
        }
    }
}
