namespace RunRecovery.Application.Persistence;

/// <summary>What a member may do in a club, stored and shown as lower-case words.</summary>
public static class ClubRole
{
    /// <summary>Invites, adds managed runners, imports, reads the coach's view.</summary>
    public const string Admin = "admin";

    /// <summary>Belongs to the club; sees the club's name and their own membership.</summary>
    public const string Member = "member";
}
