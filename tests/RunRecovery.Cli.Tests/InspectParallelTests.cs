using RunRecovery.Cli.Inspect;
using RunRecovery.Scoring.Planning;
using Xunit;

namespace RunRecovery.Cli.Tests;

/// <summary>
/// `inspect` measures files on every core (issue 18): its output must be exactly what reading the files one after
/// another gives, line for line and byte for byte, in input order.
/// </summary>
public sealed class InspectParallelTests
{
    [Fact]
    public void Json_over_the_corpus_equals_reading_each_file_in_turn()
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        string[] paths = [Path.Combine(FixtureCorpus.Directory!, "fit"), Path.Combine(FixtureCorpus.Directory!, "gpx"), Path.Combine(FixtureCorpus.Directory!, "tcx")];

        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApp.Run(["inspect", "--json", "--max-hr", "190", "--rest-hr", "50", .. paths], output, error);

        var runner = new RunnerProfile { MaxHeartRateBpm = 190, RestingHeartRateBpm = 50 };
        List<string> expected = [.. InspectInputs.Expand(paths).Select(input => InspectJson.Line(InspectResult.From(input, runner)))];
        string[] actual = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(expected.Count > 90, $"only {expected.Count} corpus files");
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Exists(l => !l.EndsWith("\"error\":null}", StringComparison.Ordinal)) ? 1 : 0, exit);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void Results_come_back_in_input_order_whatever_order_they_finish_in()
    {
        // Early items are slow and late ones fast, so finishing order is the reverse of input order.
        var consumed = new List<int>();
        int[] input = [.. Enumerable.Range(0, 40)];

        OrderedParallel.ForEach(
            input,
            i =>
            {
                Thread.Sleep(TimeSpan.FromMilliseconds((40 - i) % 7));
                return i * 10;
            },
            consumed.Add,
            workers: 4);

        Assert.Equal(input.Select(i => i * 10), consumed);
    }

    [Fact]
    public void At_most_two_inputs_per_worker_are_in_flight()
    {
        int inFlight = 0;
        int most = 0;
        IEnumerable<int> Source()
        {
            for (int i = 0; i < 50; i++)
            {
                int now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref most, now);
                yield return i;
            }
        }

        OrderedParallel.ForEach(Source(), i => i, _ => Interlocked.Decrement(ref inFlight), workers: 3);

        Assert.InRange(most, 1, 7); // 3 workers × 2, plus the one just read
        Assert.Equal(0, inFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
