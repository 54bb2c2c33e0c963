using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using RunRecovery.Application.Pipeline;

namespace RunRecovery.Application.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on every <c>POST /api/…</c> (draft-ietf-httpapi-idempotency-key-header-06): the first
/// request with a key does the work and its answer is stored for 24 h; the same key with the same request from the
/// same principal gets that answer again (status, body, <c>Location</c>, plus <c>Idempotent-Replayed: true</c>)
/// without the work being done again; with a different request, 422; while the first is still being processed, 409.
/// Answers a retry should redo (5xx, 401, 408, 409, 429, or an exception) free the key instead. docs/api.md,
/// "Idempotent POSTs".
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>Answers larger than this are not stored (the key is freed); every POST answer today is far smaller.</summary>
    public const int MaxStoredBodyBytes = 1024 * 1024;

    private static readonly int[] NotStored =
    [
        StatusCodes.Status401Unauthorized, StatusCodes.Status408RequestTimeout, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests,
    ];

    /// <summary>After authentication and the rate limits (a replay counts as a request), before the endpoints.</summary>
    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }

        if (ParseKey(values) is not { } key)
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key header is invalid.",
                $"Send one key of 1 to {MaxKeyLength} visible ASCII characters, e.g. Idempotency-Key: \"{Guid.NewGuid()}\".", "idempotency-key-invalid");
            return;
        }

        (string principal, Guid? runnerId) = PrincipalOf(context);
        byte[] fingerprint = await FingerprintAsync(context.Request, context.RequestAborted);
        IdempotencyStore store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        (IdempotencyClaim claim, StoredAnswer? answer) = await store.BeginAsync(principal, key, runnerId, fingerprint, context.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Completed:
                await ReplayAsync(context, answer!);
                return;
            case IdempotencyClaim.Mismatch:
                await ProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for a different request.",
                    "The key was first sent with another method, path, query, content type or body. Use a new key for a new request.", "idempotency-key-reused");
                return;
            case IdempotencyClaim.InFlight:
                context.Response.Headers.RetryAfter = "1";
                await ProblemAsync(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                    "Retry after it finishes to receive its answer.", "idempotency-key-in-flight");
                return;
            default:
                await RunAndStoreAsync(context, next, store, principal, key);
                return;
        }
    });

    private static async Task RunAndStoreAsync(HttpContext context, RequestDelegate next, IdempotencyStore store, string principal, string key)
    {
        byte[] body;
        try
        {
            using MemoryStream held = await HeldResponse.RunAsync(context, next);
            body = held.ToArray();
        }
        catch
        {
            try
            {
                await store.AbandonAsync(principal, key, CancellationToken.None);
            }
            catch (Exception abandon) when (abandon is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The request's own failure is what the client must see (a database outage fails both); the claim
                // left behind is taken over after its 10 minutes (IdempotencyStore), so a retry then does the work.
            }

            throw;
        }

        int status = context.Response.StatusCode;
        if (status >= 500 || NotStored.Contains(status) || body.Length > MaxStoredBodyBytes)
        {
            await store.AbandonAsync(principal, key, CancellationToken.None);
        }
        else
        {
            string? location = context.Response.Headers.Location.Count > 0 ? context.Response.Headers.Location.ToString() : null;
            await store.CompleteAsync(principal, key, new StoredAnswer(status, context.Response.ContentType, location, body), CancellationToken.None);
        }

        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        if (answer.Location is not null)
        {
            context.Response.Headers.Location = answer.Location;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        context.Response.ContentLength = answer.Body.Length;
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }

    /// <summary>An sf-string (quoted) or a bare token; one value, visible ASCII only.</summary>
    private static string? ParseKey(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } raw)
        {
            return null;
        }

        string key = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
        return key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= '!' and <= '~') ? key : null;
    }

    private static (string Principal, Guid? RunnerId) PrincipalOf(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out Guid runner))
        {
            return ($"runner:{runner}", runner);
        }

        IPAddress? address = context.Connection.RemoteIpAddress;
        return ($"anonymous:{address?.ToString() ?? "unknown"}", null);
    }

    /// <summary>SHA-256 over method, path, query, content type and body; the body is buffered so the endpoint reads it again.</summary>
    private static async Task<byte[]> FingerprintAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n{request.ContentType}\n"));
        request.EnableBuffering();
        byte[] buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return hash.GetHashAndReset();
    }

    private static async Task ProblemAsync(HttpContext context, int status, string title, string detail, string code) =>
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["code"] = code },
            },
        }.WithStatus(status));

    private static ProblemDetailsContext WithStatus(this ProblemDetailsContext problem, int status)
    {
        problem.HttpContext.Response.StatusCode = status;
        return problem;
    }
}
