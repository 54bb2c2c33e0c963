using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>One stored activity's load inputs as read, with the version of the stored row they were read from.</summary>
public sealed record StoredLoadInputs(Guid Key, long Version, IReadOnlyList<ActivityLoadInput> Inputs);

/// <summary>
/// A runner's load history kept between recomputes (<see cref="KeptLoadHistory"/>), with the version of every stored
/// activity it was built from and a stamp of the profile (docs/reliability.md, "Incremental rescoring"). The next
/// recompute lists the stored activities with their versions (<see cref="KeysToRead"/>); when the profile is the same
/// and every remembered activity is still there in the same version, only the new ones are read, and when they all
/// start after the last remembered one (an upload of a newer run, the common case) and the plan is for a later instant,
/// <see cref="TryAppend"/> scores only them. Anything else (a deleted, patched or excluded activity, an older run
/// uploaded late, a changed profile, nothing remembered, a plan for an earlier instant) is a rebuild from every stored
/// input (<see cref="Build"/>). Both give the loads, days and plan <see cref="LoadHistory.Build"/> gives from scratch
/// (an activity's result depends only on the profile and earlier activities); <c>VersionedLoadHistoryTests</c> checks
/// it over random histories and orders. What is kept per activity is its row version (24 bytes, in a
/// <see cref="RowVersionLog"/> shared with the entry it replaces), beside a bounded number of <see cref="LoadTrace"/>s
/// (<see cref="KeptLoadHistory"/>) and the full result only for the last weeks before the planning instant, so a
/// runner's entry stays small and replacing it on every upload copies little.
/// </summary>
public sealed class VersionedLoadHistory
{
    private readonly RowVersionLog _versions;

    private VersionedLoadHistory(string profileStamp, RowVersionLog versions, KeptLoadHistory kept)
    {
        ProfileStamp = profileStamp;
        _versions = versions;
        Kept = kept;
    }

    /// <summary>What the profile was built from (any change of it means a rebuild).</summary>
    public string ProfileStamp { get; }

    /// <summary>Stored activity key → version of the row its inputs were read from: a copy (the history keeps them in a
    /// <see cref="RowVersionLog"/>); <see cref="RowVersions"/> lists them without one.</summary>
    public IReadOnlyDictionary<Guid, long> Versions => _versions.All.ToDictionary();

    /// <summary>Each stored activity's key and the version of the row its inputs were read from.</summary>
    public IEnumerable<KeyValuePair<Guid, long>> RowVersions => _versions.All;

    /// <summary>What appending and planning read of the history.</summary>
    public KeptLoadHistory Kept { get; }

    /// <summary>
    /// Bytes held, for a cache's size limit: <see cref="KeptLoadHistory.EstimatedBytes"/>, 24 bytes a version (a 16-byte
    /// key and an 8-byte value, <see cref="RowVersionLog"/>) and the profile stamp.
    /// </summary>
    public long EstimatedBytes => 200 + Kept.EstimatedBytes + _versions.EstimatedBytes + (ProfileStamp.Length * 2L);

    /// <summary>
    /// The keys whose inputs must be read: only those not remembered when <paramref name="remembered"/> can be
    /// extended (same profile, every remembered activity still stored in the same version), else every key.
    /// </summary>
    public static IReadOnlyCollection<Guid> KeysToRead(VersionedLoadHistory? remembered, string profileStamp, IReadOnlyDictionary<Guid, long> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (remembered is null || !remembered.Extends(profileStamp, stored))
        {
            return [.. stored.Keys];
        }

        var added = new HashSet<Guid>(stored.Keys);
        foreach (KeyValuePair<Guid, long> kept in remembered._versions.All)
        {
            added.Remove(kept.Key);
        }

        return [.. stored.Keys.Where(added.Contains)];
    }

    /// <summary>
    /// <paramref name="remembered"/> with the activities of <paramref name="added"/>, when it can be extended, every added
    /// input starts after its last one and <paramref name="asOfUtc"/> is not before the instant it was kept for (else
    /// null: <see cref="Build"/> from every input). <paramref name="planning"/> is the history to plan with as of
    /// <paramref name="asOfUtc"/> (<see cref="LoadHistory.IsPlanningView"/>: only the recent activities), and
    /// <paramref name="scored"/> the added activities' results (every other stored result is unchanged).
    /// </summary>
    public static VersionedLoadHistory? TryAppend(
        VersionedLoadHistory? remembered, string profileStamp, IReadOnlyDictionary<Guid, long> stored, IReadOnlyList<StoredLoadInputs> added,
        DateTimeOffset asOfUtc, out LoadHistory? planning, out IReadOnlyList<ActivityLoad> scored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(added);
        planning = null;
        scored = [];
        if (remembered is null || !remembered.Extends(profileStamp, stored)
            || added.Count + remembered._versions.Count != stored.Count
            || added.Any(read => !stored.ContainsKey(read.Key) || !read.Inputs.All(input => Belongs(input.Id, read.Key))))
        {
            return null;
        }

        // Every added key is new: none twice and none remembered.
        var addedKeys = new HashSet<Guid>(added.Select(read => read.Key));
        if (addedKeys.Count != added.Count || remembered._versions.All.Any(kept => addedKeys.Contains(kept.Key)))
        {
            return null;
        }

        ActivityLoadInput[] inputs = [.. added.SelectMany(read => read.Inputs)];
        if (inputs.DistinctBy(input => input.Id, StringComparer.Ordinal).Count() != inputs.Length)
        {
            return null; // two inputs with one id: Build decides which counts
        }

        Array.Sort(inputs, LoadHistory.Compare);
        // An older run uploaded late (rescoring from its date needs what was not kept): Append refuses it.
        if (remembered.Kept.Append(inputs, asOfUtc, out planning, out scored) is not { } kept)
        {
            return null;
        }

        return new VersionedLoadHistory(profileStamp, remembered._versions.Append([.. added.Select(read => KeyValuePair.Create(read.Key, read.Version))]), kept);
    }

    /// <summary>From scratch: <see cref="LoadHistory.Build"/> over every stored activity's inputs, kept for planning as of
    /// <paramref name="asOfUtc"/> or later.</summary>
    public static VersionedLoadHistory Build(RunnerProfile profile, string profileStamp, IReadOnlyList<StoredLoadInputs> all, DateTimeOffset asOfUtc, out LoadHistory full)
    {
        ArgumentNullException.ThrowIfNull(all);
        full = LoadHistory.Build(profile, all.SelectMany(read => read.Inputs));
        // One version a key (the last read, as a dictionary keeps it).
        var versions = new Dictionary<Guid, long>(all.Count);
        foreach (StoredLoadInputs read in all)
        {
            versions[read.Key] = read.Version;
        }

        return new VersionedLoadHistory(profileStamp, RowVersionLog.Empty.Append([.. versions]), KeptLoadHistory.From(full, asOfUtc));
    }

    /// <summary>The same history, with the versions of rows the recompute itself wrote (their inputs unchanged).</summary>
    public VersionedLoadHistory WithVersions(IEnumerable<KeyValuePair<Guid, long>> rewritten)
    {
        ArgumentNullException.ThrowIfNull(rewritten);
        var changed = new Dictionary<Guid, long>();
        foreach ((Guid key, long version) in rewritten)
        {
            changed[key] = version;
        }

        RowVersionLog versions = _versions.With(changed);
        return ReferenceEquals(versions, _versions) ? this : new VersionedLoadHistory(ProfileStamp, versions, Kept);
    }

    /// <summary>An input's id is its row's key, or the key and "#n" for one session of a multisport file: so a new row's
    /// inputs never share an id with a kept activity (which would replace it, not add to it).</summary>
    private static bool Belongs(string id, Guid key)
    {
        string prefix = key.ToString();
        return id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (id.Length == prefix.Length || id[prefix.Length] == '#');
    }

    private bool Extends(string profileStamp, IReadOnlyDictionary<Guid, long> stored) =>
        string.Equals(ProfileStamp, profileStamp, StringComparison.Ordinal)
        && _versions.All.All(kept => stored.TryGetValue(kept.Key, out long version) && version == kept.Value);
}
