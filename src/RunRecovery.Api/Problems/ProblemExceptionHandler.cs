using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Api.Problems;

/// <summary>
/// Turns every exception that escapes an endpoint into RFC 9457 problem details. Known exceptions
/// keep their message; anything else is a 500 whose body says nothing about the code (it is logged).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, BrokenConnections connections, ILogger<ProblemExceptionHandler> logger)
    : IExceptionHandler
{
    /// <summary>The <c>type</c> of the 503 answered while PostgreSQL is unreachable (docs/api.md, "Error codes").</summary>
    public const string DatabaseUnavailableType = "urn:runrecovery:problem:database-unavailable";

    /// <summary>The 503's stable <c>code</c> extension.</summary>
    public const string DatabaseUnavailableCode = "database-unavailable";

    /// <summary>
    /// Seconds a client is told to wait (<c>Retry-After</c>) before trying again. An outage is never retried inside a
    /// request: each upload file is one transaction that either committed or did not, and the client's retry is safe
    /// because a stored file comes back as a duplicate.
    /// </summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away: nobody is left to answer, and it is not a server error
        }

        if (DatabaseOutage.Is(exception))
        {
            return await WriteDatabaseUnavailableAsync(httpContext, exception);
        }

        if (exception is ServiceBusyException busy)
        {
            httpContext.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            var busyProblem = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "The service is busy.",
                Detail = busy.Message,
                Extensions = { ["code"] = busy.Code },
            };
            if (busy.Limit is { } limit)
            {
                busyProblem.Extensions["limit"] = limit; // which limit refused it (the code stays busy)
            }

            return await WriteAsync(httpContext, busyProblem);
        }

        if (exception.GetBaseException() is OutOfMemoryException or InsufficientExecutionStackException)
        {
            // The request asked for more than the process could give it: the service itself is fine (this request's
            // memory is released), so a retry later may succeed. Never a 500 with a stack trace in the log's place.
            logger.LogWarning(
                "Out of memory or stack for {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().GetType().Name);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await WriteAsync(httpContext, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service could not finish this request.",
                Detail = $"The request needed more memory than the service could give it; the file it was reading was not stored. Retry after {RetryAfterSeconds} seconds (a file stored before answers as a duplicate), or send a smaller file.",
                Extensions = { ["code"] = "insufficient-memory" },
            });
        }

        ProblemDetails problem = exception switch
        {
            RequestValidationException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more values are invalid.",
            },
            NotFoundException missing => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail = missing.Message,
            },
            ForbiddenException forbidden => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = forbidden.Message,
            },
            ConflictException conflict => Conflict(conflict),
            PayloadTooLargeException tooLarge => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request could not be read.",
                Detail = tooLarge.Message,
            },
            _ when exception.GetBaseException() is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed at the same time",
                Detail = "Something this request refers to was removed while it ran (for example, the account was erased). Nothing was stored.",
                Extensions = { ["code"] = "concurrent-removal" },
            },
            BadHttpRequestException { InnerException: JsonException json } => new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The JSON body could not be read.",
                Detail = JsonProblem.Describe(json),
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.Message,
            },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged; the trace id identifies it.",
            },
        };

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
        });
    }

    private async ValueTask<bool> WriteAsync(HttpContext httpContext, ProblemDetails problem)
    {
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    /// <summary>
    /// PostgreSQL is down, restarting or cut the connection: a 503 the client may retry after <c>Retry-After</c>
    /// seconds (a file whose commit did land comes back as a duplicate, never stored twice). When a connection broke,
    /// the pools are cleared so the first requests after the restart do not trip over dead idle connections.
    /// </summary>
    private async ValueTask<bool> WriteDatabaseUnavailableAsync(HttpContext httpContext, Exception exception)
    {
        logger.LogWarning(
            "Database unavailable for {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        connections.DropAfter(exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Type = DatabaseUnavailableType,
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = $"The service cannot reach its database right now. Each file is stored whole or not at all; retry after {RetryAfterSeconds} seconds (a file that was stored answers as a duplicate).",
                Extensions = { ["code"] = DatabaseUnavailableCode },
            },
        });
    }

    private static ProblemDetails Conflict(ConflictException conflict)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict", Detail = conflict.Message };
        if (conflict.Code is { } code)
        {
            problem.Extensions["code"] = code;
        }

        return problem;
    }
}
