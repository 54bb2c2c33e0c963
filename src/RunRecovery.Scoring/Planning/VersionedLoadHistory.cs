using RunRecovery.Scoring.Load;

namespace RunRecovery.Scoring.Planning;

/// <summary>One stored activity's load inputs as read, with the version of the stored row they were read from.</summary>
public sealed record StoredLoadInputs(string Key, long Version, IReadOnlyList<ActivityLoadInput> Inputs);

/// <summary>
/// A runner's <see cref="LoadHistory"/> kept between recomputes, with the version of every stored activity it was
/// built from and a stamp of the profile (docs/reliability.md, "Incremental rescoring"). The next recompute lists the
/// stored activities with their versions (<see cref="KeysToRead"/>); when the profile is the same and every remembered
/// activity is still there in the same version, only the new ones are read, and when they all start after the last
/// remembered one (an upload of a newer run, the common case) <see cref="TryAppend"/> adds them with
/// <see cref="LoadHistory.With"/>, which scores only them. Anything else (a deleted, patched or excluded activity, an
/// older run uploaded late, a changed profile, nothing remembered) is a rebuild from every stored input
/// (<see cref="Build"/>). Both give the history <see cref="LoadHistory.Build"/> gives from scratch (an activity's
/// result depends only on the profile and earlier activities); <c>VersionedLoadHistoryTests</c> checks it over random
/// histories and orders. The kept history holds no samples (<see cref="LoadHistory.WithoutSamples"/>): appending never
/// rescores a kept activity, so its samples are never read again, and a runner costs a few hundred bytes a run.
/// </summary>
public sealed class VersionedLoadHistory
{
    private readonly Dictionary<string, long> _versions;

    private VersionedLoadHistory(string profileStamp, Dictionary<string, long> versions, LoadHistory history)
    {
        ProfileStamp = profileStamp;
        _versions = versions;
        History = history;
    }

    /// <summary>What the profile was built from (any change of it means a rebuild).</summary>
    public string ProfileStamp { get; }

    /// <summary>Stored activity key → version of the row its inputs were read from.</summary>
    public IReadOnlyDictionary<string, long> Versions => _versions;

    /// <summary>The history, its inputs without samples.</summary>
    public LoadHistory History { get; }

    /// <summary>
    /// Rough bytes held (for a cache's size limit): ~2.5 KB an activity (its result, its input without samples, its
    /// version; read from the 30-minute soak's heap growth, docs/reliability.md) and ~100 bytes a day.
    /// </summary>
    public long EstimatedBytes => 1024 + (History.Activities.Count * 2500L) + (History.Days.Count * 100L);

    /// <summary>
    /// The keys whose inputs must be read: only those not remembered when <paramref name="remembered"/> can be
    /// extended (same profile, every remembered activity still stored in the same version), else every key.
    /// </summary>
    public static IReadOnlyCollection<string> KeysToRead(VersionedLoadHistory? remembered, string profileStamp, IReadOnlyDictionary<string, long> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return remembered is not null && remembered.Extends(profileStamp, stored)
            ? [.. stored.Keys.Where(key => !remembered._versions.ContainsKey(key))]
            : [.. stored.Keys];
    }

    /// <summary>
    /// <paramref name="remembered"/> with the activities of <paramref name="added"/>, when it can be extended and
    /// every added input starts after its last one (else null: <see cref="Build"/> from every input).
    /// <paramref name="full"/> is the history to plan with (samples kept for the added ones).
    /// </summary>
    public static VersionedLoadHistory? TryAppend(
        VersionedLoadHistory? remembered, string profileStamp, IReadOnlyDictionary<string, long> stored, IReadOnlyList<StoredLoadInputs> added, out LoadHistory? full)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(added);
        full = null;
        if (remembered is null || !remembered.Extends(profileStamp, stored)
            || added.Count + remembered._versions.Count != stored.Count
            || added.Any(read => remembered._versions.ContainsKey(read.Key) || !stored.ContainsKey(read.Key)))
        {
            return null;
        }

        ActivityLoadInput[] inputs = [.. added.SelectMany(read => read.Inputs)];
        Array.Sort(inputs, LoadHistory.Compare);
        IReadOnlyList<ActivityLoadInput> kept = remembered.History.Inputs;
        for (int i = 1; i < inputs.Length; i++)
        {
            if (LoadHistory.Compare(inputs[i - 1], inputs[i]) == 0)
            {
                return null; // two inputs with one id: Build decides which counts
            }
        }

        if (inputs.Length > 0 && kept.Count > 0 && LoadHistory.Compare(kept[^1], inputs[0]) >= 0)
        {
            return null; // an older run, uploaded late: rescoring from its date needs the kept inputs' samples
        }

        LoadHistory history = remembered.History;
        foreach (ActivityLoadInput input in inputs)
        {
            history = history.With(input);
        }

        var versions = new Dictionary<string, long>(remembered._versions, StringComparer.Ordinal);
        foreach (StoredLoadInputs read in added)
        {
            versions[read.Key] = read.Version;
        }

        full = history;
        return new VersionedLoadHistory(profileStamp, versions, history.WithoutSamples());
    }

    /// <summary>From scratch: <see cref="LoadHistory.Build"/> over every stored activity's inputs.</summary>
    public static VersionedLoadHistory Build(RunnerProfile profile, string profileStamp, IReadOnlyList<StoredLoadInputs> all, out LoadHistory full)
    {
        ArgumentNullException.ThrowIfNull(all);
        full = LoadHistory.Build(profile, all.SelectMany(read => read.Inputs));
        var versions = new Dictionary<string, long>(all.Count, StringComparer.Ordinal);
        foreach (StoredLoadInputs read in all)
        {
            versions[read.Key] = read.Version;
        }

        return new VersionedLoadHistory(profileStamp, versions, full.WithoutSamples());
    }

    /// <summary>The same history, with the versions of rows the recompute itself wrote (their inputs unchanged).</summary>
    public VersionedLoadHistory WithVersions(IEnumerable<KeyValuePair<string, long>> rewritten)
    {
        ArgumentNullException.ThrowIfNull(rewritten);
        var versions = new Dictionary<string, long>(_versions, StringComparer.Ordinal);
        foreach ((string key, long version) in rewritten)
        {
            if (versions.ContainsKey(key))
            {
                versions[key] = version;
            }
        }

        return new VersionedLoadHistory(ProfileStamp, versions, History);
    }

    private bool Extends(string profileStamp, IReadOnlyDictionary<string, long> stored) =>
        string.Equals(ProfileStamp, profileStamp, StringComparison.Ordinal)
        && _versions.All(kept => stored.TryGetValue(kept.Key, out long version) && version == kept.Value);
}
