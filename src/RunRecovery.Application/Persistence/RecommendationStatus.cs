namespace RunRecovery.Application.Persistence;

/// <summary>The words of <see cref="StoredRecommendation.Status"/>: open, done, dismissed and withdrawn are stored; due, upcoming and expired are derived from the clock.</summary>
public static class RecommendationStatus
{
    /// <summary>Stored for rows the runner has not acted on.</summary>
    public const string Open = "open";
    public const string Due = "due";
    public const string Upcoming = "upcoming";
    public const string Done = "done";
    public const string Dismissed = "dismissed";
    public const string Expired = "expired";

    /// <summary>Stored when a re-plan withdrew an open item (with <see cref="StoredRecommendation.WithdrawReason"/>).</summary>
    public const string Withdrawn = "withdrawn";
}
