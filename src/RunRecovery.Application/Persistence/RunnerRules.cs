namespace RunRecovery.Application.Persistence;

/// <summary>Limits on a runner's profile, shared by validation and the table definition.</summary>
public static class RunnerRules
{
    public const int MaxNameLength = 200;

    // RFC 5321 caps a forward path at 256 octets; 320 is the commonly quoted local@domain maximum.
    public const int MaxEmailLength = 320;

    public const int MaxTimeZoneLength = 64;
}
