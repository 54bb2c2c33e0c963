using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RunRecovery.Application.Persistence;

/// <summary>
/// Tells a database outage (PostgreSQL stopped, restarting, unreachable, or the connection cut mid-command)
/// apart from every other failure, and lets a background job ride one out. An outage is answered 503 over HTTP
/// (see ProblemExceptionHandler) and never retried inside a request: each upload file is one transaction that
/// either committed or did not, and the client's retry is safe because a stored file comes back as a duplicate.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The problem's stable <c>code</c> extension.</summary>
    public const string Code = "database-unavailable";

    /// <summary>True when <paramref name="error"/> (or any exception inside it) says the database is down or the connection broke.</summary>
    public static bool Is(Exception? error)
    {
        for (int depth = 0; error is not null && depth < 16; depth++, error = error.InnerException)
        {
            switch (error)
            {
                case PostgresException postgres:
                    if (IsOutageState(postgres.SqlState))
                    {
                        return true;
                    }

                    break;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case RetryLimitExceededException:
                case TimeoutException:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
                case InvalidOperationException when IsBrokenConnectionAftermath(error):
                    return true;
                default:
                    break;
            }
        }

        return false;
    }

    private static long _lastPoolClear;

    /// <summary>
    /// After a restart every idle pooled connection is dead and would fail its next command, so when
    /// <paramref name="error"/> says a connection broke the pools are cleared, at most once a second. Not when the
    /// outage is only a timeout (the pool exhausted under load, a slow command): those connections are healthy, and
    /// dropping them would make an overload worse.
    /// </summary>
    public static void DropBrokenConnections(Exception error)
    {
        if (IsTimeoutOnly(error))
        {
            return;
        }

        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastPoolClear);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastPoolClear, now, last) == last)
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static bool IsTimeoutOnly(Exception? error)
    {
        for (int depth = 0; error is not null && depth < 16; depth++, error = error.InnerException)
        {
            if (error is PostgresException or SocketException or IOException)
            {
                return false;
            }

            if (error is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Npgsql's answer to the next command on a connection that broke under it (the server died between two commands
    /// of one transaction): the transaction is marked completed. Matched on Npgsql's own wording, so a programming
    /// error elsewhere stays a 500.
    /// </summary>
    private static bool IsBrokenConnectionAftermath(Exception error) =>
        error.Source == "Npgsql" && error.Message is "Transaction is already completed" or "Connection is not open";

    /// <summary>
    /// Class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now,
    /// 53300 too many connections. Not 57014 (query cancelled): that is a cancellation, not an outage.
    /// </summary>
    public static bool IsOutageState(string? sqlState) =>
        sqlState is not null
        && (sqlState.StartsWith("08", StringComparison.Ordinal)
            || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections);

    /// <summary>
    /// Runs <paramref name="unit"/>; when it fails with an outage, waits (1, 2, 4, 8 s, then every 10 s) and runs it
    /// again from the start, until it succeeds, fails otherwise, or <paramref name="patience"/> has passed (then the
    /// outage is rethrown and Hangfire's own retry takes over). Only for units that are safe to run twice: each attempt
    /// must start from what the database holds (a fresh DI scope, so no half-saved tracked entities carry over).
    /// Connections the outage broke are dropped from the pool before the next attempt.
    /// </summary>
    public static async Task RideOutAsync(Func<Task> unit, TimeSpan patience, ILogger logger, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await unit();
                return;
            }
            catch (Exception error) when (Is(error) && !cancellationToken.IsCancellationRequested && elapsed.Elapsed < patience)
            {
                TimeSpan wait = TimeSpan.FromSeconds(attempt <= 4 ? 1 << (attempt - 1) : 10);
                logger.LogWarning(
                    "Database unavailable ({Reason}); attempt {Attempt} waits {Wait} s, then starts over from what is stored",
                    error.GetBaseException().Message, attempt, wait.TotalSeconds);
                DropBrokenConnections(error);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }
}
