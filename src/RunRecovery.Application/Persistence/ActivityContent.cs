namespace RunRecovery.Application.Persistence;

/// <summary>The bytes exactly as uploaded, kept apart from <see cref="Activity"/> so lists never read them.</summary>
public sealed class ActivityContent
{
    public Guid ActivityId { get; set; }

    public byte[] Content { get; set; } = [];
}
