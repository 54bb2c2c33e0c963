namespace RunRecovery.Scoring.Planning.Input;

/// <summary>One problem in a profile or check-in document: where (a JSON path such as <c>$[0].bodyPart</c>), the value
/// found (as JSON text, when there is one) and what was expected.</summary>
public sealed record InputError(string Path, string? Value, string Message)
{
    /// <summary><c>$[0].bodyPart 'calf': expected one of calves, shins, …</c></summary>
    public override string ToString() => Value is null ? $"{Path}: {Message}" : $"{Path} {Value}: {Message}";
}

/// <summary>A profile or check-in document that breaks the contract (docs/recovery-model.md §9). Carries every problem
/// found, not only the first.</summary>
public sealed class InputException : Exception
{
    public InputException(string source, IReadOnlyList<InputError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => $"{source}: {e}")))
    {
        Source = source;
        Errors = errors;
    }

    public InputException()
        : this("input", [])
    {
    }

    public InputException(string message)
        : base(message)
    {
        Source = "input";
        Errors = [];
    }

    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "input";
        Errors = [];
    }

    /// <summary>The file name or "request body".</summary>
    public new string Source { get; }

    public IReadOnlyList<InputError> Errors { get; }
}
