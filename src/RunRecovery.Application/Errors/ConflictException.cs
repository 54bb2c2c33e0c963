namespace RunRecovery.Application.Errors;

/// <summary>The request clashes with existing state (a duplicate, say); becomes a 409 problem.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
    {
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A machine-readable word for the clash (the problem's <c>code</c>), when there is one.</summary>
    public string? Code { get; init; }
}
