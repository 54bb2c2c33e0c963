namespace RunRecovery.Application.Persistence;

/// <summary>An invite code (stored as its SHA-256): good until it expires or has been used <see cref="MaxUses"/> times.</summary>
public sealed class ClubInvite
{
    private ClubInvite(Guid id, Guid clubId, byte[] codeHash, DateTimeOffset expiresAt, int maxUses, Guid createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        ClubId = clubId;
        CodeHash = codeHash;
        ExpiresAt = expiresAt;
        MaxUses = maxUses;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid ClubId { get; private set; }

    public byte[] CodeHash { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int MaxUses { get; private set; }

    public int Uses { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static ClubInvite Create(Guid clubId, byte[] codeHash, DateTimeOffset expiresAt, int maxUses, Guid createdBy, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), clubId, codeHash, expiresAt, maxUses, createdBy, now);
}
