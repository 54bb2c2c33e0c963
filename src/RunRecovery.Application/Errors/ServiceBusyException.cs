namespace RunRecovery.Application.Errors;

/// <summary>
/// The service is doing as much of this kind of work as the machine allows and the request waited its share: a 429
/// problem with <c>Retry-After</c> (docs/security.md, "Memory per upload").
/// </summary>
public sealed class ServiceBusyException : Exception
{
    public ServiceBusyException()
    {
    }

    public ServiceBusyException(string message)
        : base(message)
    {
    }

    public ServiceBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Seconds the client is told to wait before trying again.</summary>
    public int RetryAfterSeconds { get; init; } = 2;
}
