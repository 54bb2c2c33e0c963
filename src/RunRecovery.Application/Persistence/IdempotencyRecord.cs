namespace RunRecovery.Application.Persistence;

/// <summary>
/// One <c>Idempotency-Key</c> of one principal (docs/api.md, "Idempotent POSTs"): the fingerprint of the request
/// that first used it and, once that request finished, its answer (status, content type, Location and the body,
/// encrypted with ASP.NET Core data protection because answers can hold API keys). Written and read only by
/// <see cref="Idempotency.IdempotencyStore"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>"runner:{id}" for a key or dashboard session, "anonymous:{address}" for sign-up, recovery and claims.</summary>
    public required string Principal { get; init; }

    public required string Key { get; init; }

    /// <summary>The runner the principal is, so erasing the runner erases their stored answers (cascade).</summary>
    public Guid? RunnerId { get; init; }

    /// <summary>SHA-256 of method, path, query, content type and body.</summary>
    public required byte[] Fingerprint { get; init; }

    public bool Completed { get; init; }

    public int? Status { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public byte[]? ProtectedBody { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}
