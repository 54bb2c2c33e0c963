namespace RunRecovery.Application.Errors;

/// <summary>The request is well-formed but its values break a rule; becomes a 400 validation problem.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more values are invalid.") => Errors = errors;

    public RequestValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public RequestValidationException(string message)
        : base(message) => Errors = new Dictionary<string, string[]>();

    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
