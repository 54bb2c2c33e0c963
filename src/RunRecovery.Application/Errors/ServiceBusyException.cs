namespace RunRecovery.Application.Errors;

/// <summary>
/// The service is doing as much of this kind of work as it allows (the machine's parse slots, a club's import
/// storage) and the request cannot start now: a 429 problem with <c>Retry-After</c> and a stable <see cref="Code"/>
/// (docs/security.md, "Memory per upload", "The import spool").
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

    /// <summary>The problem's stable <c>code</c>.</summary>
    public string Code { get; init; } = "busy";

    /// <summary>Seconds the client is told to wait before trying again.</summary>
    public int RetryAfterSeconds { get; init; } = 2;
}
