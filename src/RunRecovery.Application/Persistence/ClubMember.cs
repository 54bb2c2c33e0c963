namespace RunRecovery.Application.Persistence;

/// <summary>
/// A runner's place in a club. Joined members came with an invite code; managed members were added by an
/// admin and have no usable API key until someone claims the account with the claim code (stored hashed).
/// </summary>
public sealed class ClubMember
{
    private ClubMember(Guid clubId, Guid runnerId, string role, bool managed, string? externalId, byte[]? claimCodeHash, DateTimeOffset joinedAt)
    {
        ClubId = clubId;
        RunnerId = runnerId;
        Role = role;
        Managed = managed;
        ExternalId = externalId;
        ClaimCodeHash = claimCodeHash;
        JoinedAt = joinedAt;
    }

    public Guid ClubId { get; private set; }

    public Guid RunnerId { get; private set; }

    /// <summary><see cref="ClubRole.Admin"/> or <see cref="ClubRole.Member"/>.</summary>
    public string Role { get; private set; }

    /// <summary>Added by an admin and not yet claimed.</summary>
    public bool Managed { get; private set; }

    /// <summary>The club's own id for this member (a membership number); unique within the club; used by imports.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>SHA-256 of the one-time claim code; null once claimed or for joined members.</summary>
    public byte[]? ClaimCodeHash { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    public bool IsAdmin => Role == ClubRole.Admin;

    public static ClubMember Joined(Guid clubId, Guid runnerId, string role, DateTimeOffset now) =>
        new(clubId, runnerId, role, managed: false, externalId: null, claimCodeHash: null, now);

    public static ClubMember ManagedBy(Guid clubId, Guid runnerId, string? externalId, byte[] claimCodeHash, DateTimeOffset now) =>
        new(clubId, runnerId, ClubRole.Member, managed: true, externalId, claimCodeHash, now);

    public void Claim()
    {
        Managed = false;
        ClaimCodeHash = null;
    }
}
