namespace RunRecovery.Application.Persistence;

/// <summary>A runner: the owner of activities and of one API key (stored only as its SHA-256 hash).</summary>
public sealed class Runner
{
    private Runner(Guid id, string name, string email, string timeZone, byte[] apiKeyHash, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Email = email;
        TimeZone = timeZone;
        ApiKeyHash = apiKeyHash;
        CreatedAt = createdAt;
        ApiKeyIssuedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Lower-cased and trimmed; unique.</summary>
    public string Email { get; private set; }

    /// <summary>An IANA time zone id such as <c>Europe/Berlin</c>.</summary>
    public string TimeZone { get; private set; }

    /// <summary>SHA-256 of the API key; the key itself is never stored.</summary>
    public byte[] ApiKeyHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ApiKeyIssuedAt { get; private set; }

    /// <summary>SHA-256 of the runner's one-time recovery code (<see cref="Authentication.RecoveryCode"/>); null when none is held.</summary>
    public byte[]? RecoveryCodeHash { get; private set; }

    public DateTimeOffset? RecoveryCodeIssuedAt { get; private set; }

    public static Runner Create(string name, string email, string timeZone, byte[] apiKeyHash, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), name, email, timeZone, apiKeyHash, now);

    /// <summary>Set from the profile; validated there as an IANA id.</summary>
    public void ChangeTimeZone(string timeZone) => TimeZone = timeZone;

    public void ReplaceApiKey(byte[] apiKeyHash, DateTimeOffset now)
    {
        ApiKeyHash = apiKeyHash;
        ApiKeyIssuedAt = now;
    }

    /// <summary>Replaces the recovery code (the previous one stops working).</summary>
    public void ReplaceRecoveryCode(byte[] recoveryCodeHash, DateTimeOffset now)
    {
        RecoveryCodeHash = recoveryCodeHash;
        RecoveryCodeIssuedAt = now;
    }
}
