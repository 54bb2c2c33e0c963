namespace RunRecovery.Application.Activities.Upload;

/// <summary>The admission's line: one waiting upload.</summary>
public sealed partial class UploadAdmission
{
    /// <summary>An upload in line: completed with a place, a refusal or a cancellation, by whichever comes first under the lock.</summary>
    private sealed class Waiter(UploadAdmission owner, long since)
    {
        public TaskCompletionSource<Place> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Place> Task => Completion.Task;

        public long Since { get; } = since;

        public LinkedListNode<Waiter>? Node { get; set; }

        public ITimer? Timer { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }

        public void TimeOut()
        {
            lock (owner._lock)
            {
                if (Node is null)
                {
                    return; // given a place (or cancelled) first
                }

                owner._line.Remove(Node);
                Node = null;
                long now = owner._clock.GetTimestamp();
                owner.WaitEnded(this, now);
                owner._lastRefusal = now;
            }

            End(() => Completion.TrySetException(owner.Refuse()));
        }

        public void Cancel(CancellationToken token)
        {
            lock (owner._lock)
            {
                if (Node is null)
                {
                    return;
                }

                owner._line.Remove(Node);
                Node = null;
            }

            End(() => Completion.TrySetCanceled(token));
        }

        /// <summary>Outside the lock: stops the timer and the cancellation, then completes.</summary>
        public void End(Action complete)
        {
            Timer?.Dispose();
            Cancellation.Unregister();
            complete();
        }
    }
}
