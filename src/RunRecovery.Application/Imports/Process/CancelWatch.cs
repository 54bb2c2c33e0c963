using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// Notices a DELETE of a running import: at most once per interval (for the whole run, whichever lane asks)
/// it records the heartbeat and reads the import's cancel flag. Once seen, the answer stays true.
/// </summary>
public sealed class CancelWatch(Guid importId, TimeSpan interval, TimeProvider clock)
{
    private int _checking;
    private DateTimeOffset _lastCheck = clock.GetUtcNow();
    private volatile bool _cancelled;

    public bool Cancelled => _cancelled;

    public async Task<bool> IsCancelledAsync(RunRecoveryDb db, CancellationToken cancellationToken)
    {
        if (_cancelled || clock.GetUtcNow() - _lastCheck < interval || Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return _cancelled;
        }

        try
        {
            DateTimeOffset now = clock.GetUtcNow();
            _lastCheck = now;
            await db.ClubImports.Where(import => import.Id == importId)
                .ExecuteUpdateAsync(set => set.SetProperty(import => import.HeartbeatAt, now), cancellationToken);
            _cancelled = await db.ClubImports.AsNoTracking().Where(import => import.Id == importId)
                .Select(import => import.CancelRequested).SingleAsync(cancellationToken);
            return _cancelled;
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }
}
