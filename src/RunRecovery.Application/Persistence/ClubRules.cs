namespace RunRecovery.Application.Persistence;

/// <summary>Limits shared by validation and the table definitions.</summary>
public static class ClubRules
{
    public const int MaxNameLength = 200;

    public const int MaxExternalIdLength = 100;

    public const int MaxInviteUses = 10_000;

    public static readonly TimeSpan DefaultInviteLifetime = TimeSpan.FromDays(7);

    public static readonly TimeSpan MaxInviteLifetime = TimeSpan.FromDays(365);
}
