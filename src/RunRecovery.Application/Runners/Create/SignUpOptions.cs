namespace RunRecovery.Application.Runners.Create;

/// <summary>Setting <c>RunRecovery:SignUp</c>: whether anyone may create a runner with POST /api/runners.</summary>
public sealed class SignUpOptions
{
    public const string Section = "RunRecovery";

    /// <summary>Open (the default) or Closed; bound from <c>RunRecovery:SignUp</c>.</summary>
    public SignUpMode SignUp { get; set; } = SignUpMode.Open;

    public SignUpMode Mode => SignUp;
}

public enum SignUpMode
{
    /// <summary>Anyone who reaches the service may sign up.</summary>
    Open,

    /// <summary>Only the first runner (when there is none yet); then 403. The operator adds runners (clubs' managed runners).</summary>
    Closed,
}
