namespace RunRecovery.Application.Activities.Patch;

/// <summary>
/// A JSON Merge Patch (RFC 7396) of an activity, as read by <see cref="ActivityPatchReader"/>. A null member was absent
/// from the document; <see cref="Notes"/> is "" when the document removed the notes (<c>"notes": null</c>).
/// </summary>
/// <param name="Sport">A word of <see cref="ActivityPatchReader.Sports"/>.</param>
public sealed record ActivityPatch(string? Name, string? Notes, string? Sport, bool? ExcludeFromLoad)
{
    public bool IsEmpty => Name is null && Notes is null && Sport is null && ExcludeFromLoad is null;
}

/// <summary>The body of PATCH /api/activities/{id}, for the OpenAPI document: every member optional.</summary>
/// <param name="Name">1–200 characters; cannot be removed (null is refused).</param>
/// <param name="Notes">Up to 4,000 characters; null removes them.</param>
/// <param name="Sport">running, walking, hiking, cycling, swimming, rowing or other; the runner is rescored.</param>
/// <param name="ExcludeFromLoad">True: listed, but the load model skips it; null is false. The runner is rescored.</param>
public sealed record ActivityPatchDocument(string? Name, string? Notes, string? Sport, bool? ExcludeFromLoad);
