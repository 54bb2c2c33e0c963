using RunRecovery.Application.Clubs.Managed;
using RunRecovery.Application.Persistence;

namespace RunRecovery.Application.Imports.Process;

/// <summary>
/// The club's members by the names an archive may use for them: their email (joined and managed runners) and
/// the club's external id. Case is ignored. A name that fits two different runners is ambiguous and matches nobody.
/// </summary>
public sealed class ClubRoster
{
    private readonly Dictionary<string, Guid> _byKey;
    private readonly HashSet<string> _ambiguous;

    private ClubRoster(Dictionary<string, Guid> byKey, HashSet<string> ambiguous)
    {
        _byKey = byKey;
        _ambiguous = ambiguous;
    }

    public static async Task<ClubRoster> LoadAsync(RunRecoveryDb db, Guid clubId, CancellationToken cancellationToken)
    {
        var members = await (
            from member in db.ClubMembers.AsNoTracking()
            join runner in db.Runners on member.RunnerId equals runner.Id
            where member.ClubId == clubId
            select new { member.RunnerId, runner.Email, member.ExternalId })
            .ToListAsync(cancellationToken);

        var byKey = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        var ambiguous = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? key, Guid runnerId)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                return;
            }

            if (byKey.TryGetValue(key, out Guid existing) && existing != runnerId)
            {
                ambiguous.Add(key);
            }

            byKey[key] = runnerId;
        }

        foreach (var member in members)
        {
            if (!member.Email.EndsWith(AddManagedRunnerHandler.PlaceholderDomain, StringComparison.Ordinal))
            {
                Add(member.Email, member.RunnerId);
            }

            Add(member.ExternalId, member.RunnerId);
        }

        return new ClubRoster(byKey, ambiguous);
    }

    public (Guid? RunnerId, string? Problem) Find(string key)
    {
        if (_ambiguous.Contains(key))
        {
            return (null, $"'{key}' names more than one member of the club (an email of one and the external id of another); nothing was imported for it.");
        }

        return _byKey.TryGetValue(key, out Guid runnerId)
            ? (runnerId, null)
            : (null, $"'{key}' matches no member's email or external id in this club; nothing was guessed.");
    }
}
