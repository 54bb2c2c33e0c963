using System.Buffers.Binary;
using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit;
using RunRecovery.Formats.Fit.Encoding;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using Xunit;

namespace RunRecovery.Formats.Tests.Fit;

/// <summary>
/// Deterministic mutation test: seeded byte flips, truncations, insertions and length-field inflations of corpus
/// and encoder files. Each must end in a result or an <see cref="ActivityFileException"/> (never "internal-error",
/// the safety net's code for a decoder bug), and allocate within a bound set by the input size.
/// </summary>
public sealed class FitMutationTests
{
    private const int MutationsPerFile = 160;

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string> { "encoder:run", "encoder:compressed-big-endian-dev" };
        string? dir = FixtureCorpus.Directory;
        if (dir is not null)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(dir, "fit"))
                .Where(f => !f.EndsWith(".csv", StringComparison.Ordinal) && new FileInfo(f).Length <= 130_000)
                .Order())
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_files_end_in_a_result_or_a_typed_error(string seedName)
    {
        byte[] original = Load(seedName);
        long[] definitionOffsets = DefinitionOffsets(original);
        var random = new Random(HashCode(seedName));
        for (int i = 0; i < MutationsPerFile; i++)
        {
            byte[] mutated = Mutate(original, definitionOffsets, random, out string how);
            long before = GC.GetAllocatedBytesForCurrentThread();
            ParsedActivity? result = null;
            try
            {
                result = FitActivityReader.Read(mutated);
            }
            catch (ActivityFileException e)
            {
                Assert.True(e.Code != "internal-error", $"{seedName} {how}: {e.Message}");
                Assert.NotNull(e.Partial);
                Assert.InRange(e.Offset ?? 0, 0, mutated.Length);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 4_000_000 + (400L * mutated.Length), $"{seedName} {how}: allocated {allocated} bytes");
            if (result is not null)
            {
                Assert.Null(result.Error);
            }

            if (i % 8 == 0)
            {
                // The stream path must agree with the span path on the outcome.
                ParsedActivity fromStream = FitActivityReader.Read(new MemoryStream(mutated), new FitReadOptions { ReturnPartialOnError = true });
                ParsedActivity fromSpan = FitActivityReader.Read(mutated, new FitReadOptions { ReturnPartialOnError = true });
                Assert.Equal(fromSpan.Error, fromStream.Error);
                Assert.Equal(fromSpan.Samples.Count, fromStream.Samples.Count);
            }
        }
    }

    private static byte[] Mutate(byte[] original, long[] definitions, Random r, out string how)
    {
        byte[] m = (byte[])original.Clone();
        switch (r.Next(8))
        {
            case 0:
                int flips = r.Next(1, 9);
                for (int k = 0; k < flips; k++)
                {
                    m[r.Next(m.Length)] ^= (byte)(1 << r.Next(8));
                }

                how = $"{flips} bit flips";
                return m;
            case 1:
                int at = r.Next(m.Length);
                m[at] = (byte)r.Next(256);
                how = $"byte {at} replaced";
                return m;
            case 2:
                int length = r.Next(m.Length);
                how = $"truncated to {length}";
                return m[..length];
            case 3:
                BinaryPrimitives.WriteUInt32LittleEndian(m.AsSpan(4), (uint)r.NextInt64(m.Length, uint.MaxValue));
                if (m[0] >= 14)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(12), FitCrc.Compute(m.AsSpan(0, 12)));
                }

                how = "header data size inflated";
                return m;
            case 4 when definitions.Length > 0:
                long d = definitions[r.Next(definitions.Length)];
                int target = (int)d + (r.Next(2) == 0 ? 5 : 5 + 2 + (3 * r.Next(0, Math.Max(1, (int)m[(int)d + 5]))));
                if (target < m.Length)
                {
                    m[target] = 0xFF;
                }

                how = $"definition at {d}: byte {target} (field count or size) set to 255";
                return m;
            case 7 when definitions.Length > 0:
                // Re-type a field: the same bytes read as another base type (fuzzing found an overflow this way).
                long def = definitions[r.Next(definitions.Length)];
                int fieldCount = m[(int)def + 5];
                int typeAt = (int)def + 8 + (3 * r.Next(0, Math.Max(1, fieldCount)));
                byte[] types = [0x00, 0x01, 0x02, 0x83, 0x84, 0x85, 0x86, 0x07, 0x88, 0x89, 0x0A, 0x8B, 0x8C, 0x0D, 0x8E, 0x8F, 0x90];
                if (typeAt < m.Length)
                {
                    m[typeAt] = types[r.Next(types.Length)];
                }

                how = $"definition at {def}: base type byte {typeAt} replaced";
                return m;
            case 5:
                int insertAt = r.Next(m.Length);
                byte[] noise = new byte[r.Next(1, 16)];
                r.NextBytes(noise);
                how = $"{noise.Length} bytes inserted at {insertAt}";
                return [.. m[..insertAt], .. noise, .. m[insertAt..]];
            default:
                int from = r.Next(m.Length);
                int count = Math.Min(r.Next(1, 64), m.Length - from);
                r.NextBytes(m.AsSpan(from, count));
                how = $"{count} random bytes at {from}";
                return m;
        }
    }

    private static long[] DefinitionOffsets(byte[] file)
    {
        var sink = new DefinitionSink();
        try
        {
            FitDecoder.Decode(file, sink);
        }
        catch (ActivityFileException)
        {
            // damaged seeds: the definitions before the damage are enough
        }

        return [.. sink.Offsets];
    }

    private static byte[] Load(string seedName) => seedName switch
    {
        "encoder:run" => FitTestFiles.RunFile(300),
        "encoder:compressed-big-endian-dev" => FitActivityWriter.Write(
            FitTestFiles.Run(300) is var run
                ? new ParsedActivity
                {
                    Format = ActivityFormat.Fit,
                    Samples = run.Samples,
                    Sessions = run.Sessions,
                    Laps = run.Laps,
                    RrIntervalsSeconds = [0.8, 0.81, 0.79],
                    DeveloperChannels = [new DeveloperChannel("Form Power", "W", 0, [.. run.Samples.Select(s => (double?)s.PowerWatts)])],
                }
                : throw new InvalidOperationException(),
            new FitActivityWriteOptions { CompressedTimestamps = true, BigEndian = true }),
        _ => FitCorpusTests.Read(seedName),
    };

    private static int HashCode(string s)
    {
        int h = 17;
        foreach (char c in s)
        {
            h = (h * 31) + c;
        }

        return h;
    }

    private sealed class DefinitionSink : IFitMessageSink
    {
        public List<long> Offsets { get; } = [];

        public void OnFileHeader(in FitFileHeader header)
        {
        }

        public void OnDefinition(FitMessageDefinition definition) => Offsets.Add(definition.Offset);

        public void OnMessage(in FitMessage message)
        {
        }

        public void OnDeveloperFieldDescription(FitDeveloperFieldDescription description)
        {
        }

        public void OnWarning(FormatWarning warning)
        {
        }
    }
}
