using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace RunRecovery.Application.Persistence;

/// <summary>
/// Tells a database outage (PostgreSQL stopped, restarting, unreachable, or the connection cut mid-command) apart
/// from every other failure. Classification only: the host answers an outage with a 503 (ProblemExceptionHandler),
/// background jobs ride one out (<c>OutageTolerantJob</c>), and <see cref="BrokenConnections"/> drops dead pooled
/// connections afterwards.
/// </summary>
public static class DatabaseOutage
{
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

    /// <summary>
    /// True when the outage is only a timeout (the pool exhausted under load, a slow command): the connections are
    /// healthy, and dropping them would make an overload worse.
    /// </summary>
    public static bool IsTimeoutOnly(Exception? error)
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
}
