using Npgsql;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Clubs.Managed;

/// <param name="Email">Optional: the runner's email, which an import folder may name.</param>
/// <param name="ExternalId">Optional: the club's id for the runner (a membership number), which an import may name.</param>
/// <param name="TimeZone">IANA id; default UTC.</param>
public sealed record AddManagedRunnerRequest(string? Name, string? Email, string? ExternalId, string? TimeZone);

public sealed record AddManagedRunner(Guid RunnerId, Guid ClubId, AddManagedRunnerRequest Runner) : ICommand<ManagedRunner>;

/// <summary>The new managed runner and the claim code that hands them the account (shown this once only).</summary>
public sealed record ManagedRunner(Guid RunnerId, string Name, string? Email, string? ExternalId, string ClaimCode);

/// <summary>
/// Adds a runner who has no account yet: a runner row whose API key nobody knows (a random key is hashed and
/// forgotten), managed by the club, and a one-time claim code that later issues them a real key.
/// </summary>
public sealed class AddManagedRunnerHandler(RunRecoveryDb db, TimeProvider clock) : ICommandHandler<AddManagedRunner, ManagedRunner>
{
    /// <summary>Managed runners without an email get an address under this reserved domain (RFC 2606), never shown.</summary>
    public const string PlaceholderDomain = "@managed.runrecovery.invalid";

    public async ValueTask<ManagedRunner> Handle(AddManagedRunner command, CancellationToken cancellationToken)
    {
        await db.RequireAdminAsync(command.ClubId, command.RunnerId, cancellationToken);
        (string name, string? email, string? externalId, string timeZone) = Validate(command.Runner);

        DateTimeOffset now = clock.GetUtcNow();
        var runner = Runner.Create(name, email ?? $"{Guid.NewGuid():N}{PlaceholderDomain}", timeZone, ApiKey.Issue().Hash, now);
        string claimCode = ClubCodes.Issue();
        db.Runners.Add(runner);
        db.ClubMembers.Add(ClubMember.ManagedBy(command.ClubId, runner.Id, externalId, ClubCodes.Hash(claimCode), now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw new ConflictException(
                unique.ConstraintName?.Contains("external", StringComparison.Ordinal) == true
                    ? $"Another member of this club has the external id '{externalId}'."
                    : $"A runner with email '{email}' already has an account: send them an invite instead.",
                error);
        }

        return new ManagedRunner(runner.Id, name, email, externalId, claimCode);
    }

    private static (string Name, string? Email, string? ExternalId, string TimeZone) Validate(AddManagedRunnerRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        string name = request.Name?.Trim() ?? "";
        string? email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim().ToLowerInvariant();
        string? externalId = string.IsNullOrWhiteSpace(request.ExternalId) ? null : request.ExternalId.Trim();
        string timeZone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();

        if (name.Length is 0 or > RunnerRules.MaxNameLength)
        {
            errors["name"] = [$"Give a name of 1 to {RunnerRules.MaxNameLength} characters."];
        }

        if (email is not null && (email.Length > RunnerRules.MaxEmailLength || !email.Contains('@', StringComparison.Ordinal)
            || email.Any(char.IsWhiteSpace) || email.Contains('/', StringComparison.Ordinal)))
        {
            errors["email"] = ["Give an email address such as ada@example.org, or none."];
        }

        if (externalId is not null && (externalId.Length > ClubRules.MaxExternalIdLength || externalId.Contains('/', StringComparison.Ordinal)))
        {
            errors["externalId"] = [$"Give at most {ClubRules.MaxExternalIdLength} characters, without '/'."];
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out TimeZoneInfo? zone) || !zone.HasIanaId)
        {
            errors["timeZone"] = ["Give an IANA time zone id such as Europe/Berlin."];
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : (name, email, externalId, timeZone);
    }
}
