namespace RunRecovery.Application.Errors;

/// <summary>The caller may see the resource but not do this to it (a club member asking for an admin's action); a 403 problem.</summary>
public sealed class ForbiddenException : Exception
{
    public ForbiddenException()
        : base("Forbidden.")
    {
    }

    public ForbiddenException(string message)
        : base(message)
    {
    }

    public ForbiddenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
