namespace RunRecovery.Application.Persistence;

/// <summary>
/// An import's life: queued → running → completed | completed-with-errors | failed, and cancelled from queued or
/// running. A worker that dies leaves it running; the next run of the job continues it.
/// </summary>
public static class ImportState
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string CompletedWithErrors = "completed-with-errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string state) => state is Completed or CompletedWithErrors or Failed or Cancelled;
}
