using Hangfire.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using MicrosoftLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace RunRecovery.Api.Hosting;

/// <summary>
/// Hangfire's log provider is process-wide (<c>LogProvider.SetCurrentLogProvider</c>) and Hangfire classes keep the
/// loggers they get in static fields. Tying it to one host's <see cref="ILoggerFactory"/> (what Hangfire.AspNetCore
/// does) breaks every other host in the process once that host is disposed. This provider is tied to no host: each
/// log call goes to the newest host still running (hosts attach on build and detach before they are disposed), and is
/// dropped when none is.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();

    private static readonly Lock Gate = new();
    private static ILoggerFactory[] _live = [];

    private HangfireLogBridge()
    {
    }

    /// <summary>Routes Hangfire's logging to this host's factory until the returned handle is disposed.</summary>
    public static IDisposable Attach(ILoggerFactory factory)
    {
        lock (Gate)
        {
            _live = [.. _live, factory];
        }

        return new Detach(factory);
    }

    public ILog GetLogger(string name) => new RoutedLog(name);

    private sealed class Detach(ILoggerFactory factory) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                _live = [.. _live.Where(live => !ReferenceEquals(live, factory))];
            }
        }
    }

    private sealed class RoutedLog(string name) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            ILoggerFactory[] live = Volatile.Read(ref _live);
            if (live.Length == 0)
            {
                return false;
            }

            try
            {
                ILogger logger = live[^1].CreateLogger(name);
                MicrosoftLogLevel level = logLevel switch
                {
                    HangfireLogLevel.Trace => MicrosoftLogLevel.Trace,
                    HangfireLogLevel.Debug => MicrosoftLogLevel.Debug,
                    HangfireLogLevel.Info => MicrosoftLogLevel.Information,
                    HangfireLogLevel.Warn => MicrosoftLogLevel.Warning,
                    HangfireLogLevel.Error => MicrosoftLogLevel.Error,
                    _ => MicrosoftLogLevel.Critical,
                };
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level); // Hangfire asks whether a level is on before building a message
                }

                if (logger.IsEnabled(level))
                {
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages; there is no template to cache.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                }

                return true;
            }
            catch (ObjectDisposedException)
            {
                return false; // the host was being disposed while this call picked it
            }
        }
    }
}
