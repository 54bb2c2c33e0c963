namespace RunRecovery.Application.Errors;

/// <summary>The request's content passed a size limit while it was being read; becomes a 413 problem.</summary>
public sealed class PayloadTooLargeException : Exception
{
    public PayloadTooLargeException()
    {
    }

    public PayloadTooLargeException(string message)
        : base(message)
    {
    }

    public PayloadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
