namespace RunRecovery.Application.Clubs;

/// <summary>A club as one of its members sees it, with the caller's role.</summary>
public sealed record ClubSummary(Guid Id, string Name, string Role, int MemberCount, DateTimeOffset CreatedAt);
