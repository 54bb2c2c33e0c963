using System.Text;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Xml;

/// <summary>
/// Damaged GPX and TCX (bytes flipped, inserted, deleted, cut short) either read or fail with an
/// <see cref="ActivityFileException"/>: never any other exception (seeded, so a failure reproduces).
/// </summary>
public sealed class MutationTests
{
    public static TheoryData<string> Files() => ["gpx/run_gpxtpx.gpx", "gpx/Friday-Evening-Run.gpx", "gpx/route.gpx", "tcx/sample.tcx", "tcx/bad.tcx", "tcx/tcx-courses.tcx"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Damaged_files_read_or_fail_with_a_typed_error(string file)
    {
        Assert.SkipWhen(FixtureCorpus.Directory is null, FixtureCorpus.SkipReason);
        byte[] original = File.ReadAllBytes(FixtureCorpus.PathOf(file));
        var random = new Random(file.Length * 7919);
        ReadOnlySpan<byte> interesting = "<>/\"'&;:=!?-[]0123456789.TZ+ \n\uFEFFx"u8;

        for (int round = 0; round < 150; round++)
        {
            byte[] damaged = Mutate(original, random, interesting);
            try
            {
                ParsedActivity activity = ActivityFile.Read(damaged, file);
                Assert.NotNull(activity.Samples);
            }
            catch (ActivityFileException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Code));
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
            catch (Exception other)
            {
                Assert.Fail($"round {round}: {other.GetType().Name}: {other.Message}\n{Encoding.UTF8.GetString(damaged)[..Math.Min(400, damaged.Length)]}");
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random, ReadOnlySpan<byte> interesting)
    {
        var bytes = new List<byte>(original);
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = interesting[random.Next(interesting.Length)];
                    break;
                case 2:
                    bytes.Insert(at, interesting[random.Next(interesting.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(40)));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at); // cut short
                    break;
            }
        }

        return [.. bytes];
    }
}
