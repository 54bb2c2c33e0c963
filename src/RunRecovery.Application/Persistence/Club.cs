namespace RunRecovery.Application.Persistence;

/// <summary>A running club or a coach's squad: runners who joined with an invite, and runners it manages.</summary>
public sealed class Club
{
    private Club(Guid id, string name, Guid createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Club Create(string name, Guid createdBy, DateTimeOffset now) => new(Guid.CreateVersion7(now), name, createdBy, now);
}
