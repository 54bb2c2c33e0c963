namespace RunRecovery.Application.Errors;

/// <summary>Nothing of that id belongs to the calling runner (another runner's ids look exactly like missing ones); a 404 problem.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException()
        : base("Not found.")
    {
    }

    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
