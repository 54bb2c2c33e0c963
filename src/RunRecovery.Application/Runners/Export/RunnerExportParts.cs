using RunRecovery.Application.Profiles;
using RunRecovery.Application.RecommendationQueue;

namespace RunRecovery.Application.Runners.Export;

/// <summary>manifest.json: what the archive holds, with counts and the SHA-256 of every original file.</summary>
public sealed record ExportManifest(
    string Format,
    Guid RunnerId,
    DateTimeOffset ExportedAt,
    ExportCounts Counts,
    IReadOnlyList<ExportedFile> Files,
    IReadOnlyList<string> Parts);

public sealed record ExportCounts(int Activities, int Files, long FileBytes, int Checkins, int Recommendations, int ClubMemberships);

/// <param name="Path">Where the original bytes are in the archive (<c>activities/&lt;start&gt;_&lt;id&gt;.&lt;ext&gt;</c>).</param>
/// <param name="OriginalFileName">The name it was uploaded under (for files from an archive, <c>archive.zip!inner.fit</c>).</param>
/// <param name="Sha256">Lower-case hex of the SHA-256 of the bytes as stored, which are the bytes as uploaded.</param>
public sealed record ExportedFile(Guid ActivityId, string Path, string DetailPath, string? OriginalFileName, string ContentType, long SizeBytes, string Sha256);

/// <summary>profile.json: the recovery profile as GET /api/runners/me/profile shows it, without the webhook secret.</summary>
/// <param name="WebhookSecretHeld">True when a webhook signing secret is stored; the secret itself is never exported.</param>
public sealed record ExportedProfile(RunnerProfileView Profile, bool WebhookSecretHeld);

/// <summary>One entry of clubs.json: the runner's own place in a club, nothing about other members.</summary>
public sealed record ExportedMembership(Guid ClubId, string ClubName, string Role, bool Managed, string? ExternalId, DateTimeOffset JoinedAt);

/// <summary>scoring.json: the coalescing state of the runner's recomputes (null when never scored).</summary>
public sealed record ExportedScoringState(
    long RequestedVersion,
    long ScoredVersion,
    bool JobPending,
    DateTimeOffset? DirtySince,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ScoredAt,
    long Recomputes);

/// <summary>One entry of recommendations.json: the API's view plus the webhook delivery history.</summary>
public sealed record ExportedRecommendation(
    RecommendationView Recommendation,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int DeliveryAttempts,
    DateTimeOffset? DeliveredAt,
    string? DeliveryError);
