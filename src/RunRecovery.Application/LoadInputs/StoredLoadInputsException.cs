namespace RunRecovery.Application.LoadInputs;

/// <summary>
/// Stored load inputs this code cannot read: a version it does not know (a newer release wrote it, or the data was
/// edited by hand) or columns that do not line up. Never read as something else: scoring the runner fails loudly.
/// </summary>
public sealed class StoredLoadInputsException : Exception
{
    public StoredLoadInputsException(int? version)
        : base(version is null
            ? "activities.load_inputs holds neither a version-1 array nor a document with a \"version\"."
            : $"activities.load_inputs is version {version}; this release reads versions 1 and {LoadInputsJson.CurrentVersion}.")
    {
    }

    public StoredLoadInputsException(string message)
        : base($"activities.load_inputs cannot be read: {message}.")
    {
    }

    public StoredLoadInputsException()
        : this((int?)null)
    {
    }

    public StoredLoadInputsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
