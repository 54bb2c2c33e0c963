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

    /// <summary>
    /// Which of the service's limits refused the request, as the problem's <c>limit</c> (<see cref="UploadsInFlight"/>,
    /// <see cref="ParseSlots"/>; null for none): the code stays <c>busy</c> for both, so clients need not tell them apart,
    /// but a capacity run can (docs/reliability.md, issue 18 point 3).
    /// </summary>
    public string? Limit { get; init; }

    /// <summary><c>limit</c> of an upload refused by the in-flight admission (<c>UploadAdmission</c>).</summary>
    public const string UploadsInFlight = "uploads-in-flight";

    /// <summary><c>limit</c> of a request refused because every parse slot stayed taken (<c>ParseGate</c>).</summary>
    public const string ParseSlots = "parse-slots";

    /// <summary>Seconds the client is told to wait before trying again.</summary>
    public int RetryAfterSeconds { get; init; } = 2;
}
