namespace RunRecovery.Api.Database;

/// <summary>The database cannot be used; its message is the one line shown to whoever started the service.</summary>
internal sealed class DatabaseStartupException : Exception
{
    public DatabaseStartupException()
    {
    }

    public DatabaseStartupException(string message)
        : base(message)
    {
    }

    public DatabaseStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
