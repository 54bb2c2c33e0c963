namespace RunRecovery.Cli.Upload;

/// <summary>One file (or archive entry) as the service reported it.</summary>
/// <param name="Outcome">created, duplicate or failed.</param>
/// <param name="Detail">The activity link, the duplicate's link, or why it failed.</param>
public sealed record UploadFileResult(string File, string Outcome, int? Status, string Detail);
