using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace RunRecovery.Cli.Tests;

/// <summary>
/// `inspect --json` over the fixture corpus is pinned byte for byte (issue 18): the sample model, the mapping into
/// Scoring and the metrics were reworked for speed, and none of that may change a single output byte. Each corpus
/// file's line is hashed (its path made relative to the corpus) and compared with inspect-corpus.sha256, written
/// before the rework. A deliberate output change regenerates that file: run this test with
/// RUNRECOVERY_WRITE_GOLDEN set to the file's path in the source tree, and say why in the commit.
/// </summary>
public sealed class InspectGoldenTests
{
    private const string GoldenFile = "inspect-corpus.sha256";

    [Fact]
    public void Json_over_the_corpus_is_byte_identical_to_the_pinned_output()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        string corpus = FixtureCorpus.Directory!;
        string[] paths = [Path.Combine(corpus, "fit"), Path.Combine(corpus, "gpx"), Path.Combine(corpus, "tcx")];

        using var output = new StringWriter();
        using var error = new StringWriter();
        _ = CliApp.Run(["inspect", "--json", "--max-hr", "190", "--rest-hr", "50", .. paths], output, error);

        string prefix = "{\"file\":\"" + corpus.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith(prefix, line, StringComparison.Ordinal);
            string relative = "{\"file\":\"" + line[prefix.Length..];
            string file = relative[9..relative.IndexOf('"', 9)];
            actual[file] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relative)));
        }

        if (Environment.GetEnvironmentVariable("RUNRECOVERY_WRITE_GOLDEN") is { Length: > 0 } target)
        {
            string[] header = [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, GoldenFile)).TakeWhile(l => l.StartsWith('#'))];
            File.WriteAllLines(target, [.. header, .. actual.Select(entry => $"{entry.Value} {entry.Key}")]);
        }

        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, GoldenFile))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
        Assert.True(expected.Count > 90, $"only {expected.Count} pinned files");

        // Files added to the corpus later are not pinned; every pinned one must still give the same line.
        var changed = expected.Where(entry => !actual.TryGetValue(entry.Key, out string? hash) || hash != entry.Value).Select(entry => entry.Key).ToList();
        Assert.True(changed.Count == 0, $"inspect --json changed for: {string.Join(", ", changed)}");
    }
}
