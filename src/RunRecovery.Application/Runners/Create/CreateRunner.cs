using Microsoft.Extensions.Options;
using Npgsql;
using RunRecovery.Application.Authentication;
using RunRecovery.Application.Errors;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Runners.Create;

public sealed record CreateRunner(string? Name, string? Email, string? TimeZone) : ICommand<CreatedRunner>;

/// <summary>
/// The new runner, their API key and their one-time recovery code (which mints a new key if the key is lost):
/// the only time either is ever shown.
/// </summary>
public sealed record CreatedRunner(RunnerAccount Runner, string ApiKey, string RecoveryCode);

public sealed class CreateRunnerHandler(RunRecoveryDb db, TimeProvider clock, IOptions<SignUpOptions> signUp)
    : ICommandHandler<CreateRunner, CreatedRunner>
{
    public async ValueTask<CreatedRunner> Handle(CreateRunner command, CancellationToken cancellationToken)
    {
        (string name, string email, string timeZone) = Validate(command);
        if (signUp.Value.Mode == SignUpMode.Closed && await db.Runners.AnyAsync(cancellationToken))
        {
            // Closed: only the very first runner (an empty database) may sign up; after that the operator adds people.
            throw new ForbiddenException("Sign-up is closed on this service (RunRecovery:SignUp=Closed). Ask its operator for an account.");
        }

        if (await db.Runners.AnyAsync(runner => runner.Email == email, cancellationToken))
        {
            throw new ConflictException($"A runner with email '{email}' already exists.");
        }

        ApiKey.IssuedKey key = ApiKey.Issue();
        RecoveryCode.IssuedCode recovery = RecoveryCode.Issue();
        var runner = Runner.Create(name, email, timeZone, key.Hash, clock.GetUtcNow());
        runner.ReplaceRecoveryCode(recovery.Hash, runner.CreatedAt);
        db.Runners.Add(runner);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two requests with the same email raced past the check above.
            throw new ConflictException($"A runner with email '{email}' already exists.", error);
        }

        return new CreatedRunner(RunnerAccount.From(runner), key.Key, recovery.Code);
    }

    private static (string Name, string Email, string TimeZone) Validate(CreateRunner command)
    {
        var errors = new Dictionary<string, string[]>();
        string name = command.Name?.Trim() ?? "";
        string email = command.Email?.Trim().ToLowerInvariant() ?? "";
        string timeZone = command.TimeZone?.Trim() ?? "";

        if (name.Length is 0 or > RunnerRules.MaxNameLength)
        {
            errors["name"] = [$"Give a name of 1 to {RunnerRules.MaxNameLength} characters."];
        }

        if (email.Length > RunnerRules.MaxEmailLength || !LooksLikeEmail(email))
        {
            errors["email"] = ["Give an email address such as ada@example.org."];
        }

        if (timeZone.Length is 0 or > RunnerRules.MaxTimeZoneLength
            || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out TimeZoneInfo? zone)
            || !zone.HasIanaId)
        {
            errors["timeZone"] = ["Give an IANA time zone id such as Europe/Berlin or America/New_York."];
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : (name, email, timeZone);
    }

    // Deliberately loose: one '@' with something on both sides and a dot in the domain. Deliverability is not checked.
    private static bool LooksLikeEmail(string email)
    {
        int at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Any(char.IsWhiteSpace);
    }
}
