using Npgsql;

namespace RunRecovery.Application.Persistence;

/// <summary>
/// After a restart every idle pooled connection is dead and would fail its next command, so when an outage says a
/// connection broke the pools are cleared, at most once a second (one instance per host: a singleton). Not when the
/// outage is only a timeout (<see cref="DatabaseOutage.IsTimeoutOnly"/>).
/// </summary>
public sealed class BrokenConnections
{
    private long _lastClear;

    public void DropAfter(Exception error)
    {
        if (DatabaseOutage.IsTimeoutOnly(error))
        {
            return;
        }

        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastClear);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastClear, now, last) == last)
        {
            NpgsqlConnection.ClearAllPools();
        }
    }
}
