namespace RunRecovery.Api.Hosting;

/// <summary>What one process does. Several <see cref="Worker"/> processes on one database is how the service scales out.</summary>
public enum ServiceRole
{
    /// <summary>Serves HTTP, enqueues and processes jobs (the default; one process does everything).</summary>
    All,

    /// <summary>Serves HTTP and enqueues jobs; processes none.</summary>
    Api,

    /// <summary>Processes jobs; serves only /health/live and /health/ready.</summary>
    Worker,
}
