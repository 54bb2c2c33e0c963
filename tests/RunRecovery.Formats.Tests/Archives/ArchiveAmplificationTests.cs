using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RunRecovery.Formats.Archives;
using RunRecovery.Formats.Errors;
using Xunit;

namespace RunRecovery.Formats.Tests.Archives;

/// <summary>
/// Issue 19 point 1: what an archive declares is never trusted, and many small entries cannot add up to a bomb
/// (docs/security.md, "Bounded work per request"). Costs are asserted as bytes allocated, never as time.
/// </summary>
public sealed class ArchiveAmplificationTests
{
    [Fact]
    public void Entries_declaring_two_gigabytes_each_cost_what_their_bytes_hold_not_what_they_declare()
    {
        var entries = Enumerable.Range(0, 2_000).Select(i => ($"run{i}.fit", new byte[] { 1, 2, 3 })).ToArray();
        byte[] zip = DeclareSizes(ArchiveTests.Zip(entries), 0x7FFF_FFFF);

        long before = GC.GetAllocatedBytesForCurrentThread();
        List<ArchiveEntry> expanded = [.. ActivityArchive.Expand(new MemoryStream(zip), "declared.zip")];
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2_000, expanded.Count);

        // Before: a 16 MB buffer per entry from the declared size, 32 GB for these 2,000 entries.
        Assert.True(allocated < 64L << 20, $"expanding 2,000 tiny entries allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Many_entries_just_under_the_ratio_floor_stop_at_the_archive_ratio()
    {
        byte[] megabyte = new byte[1 << 20];
        byte[] zip = ArchiveTests.Zip([.. Enumerable.Range(0, 300).Select(i => ($"z{i}.gpx", megabyte))]);
        var limits = new ArchiveLimits { MaxArchiveRatio = 100 };

        List<ArchiveEntry> expanded = [.. ActivityArchive.Expand(new MemoryStream(zip), "floor.zip", limits)];

        ArchiveEntry last = expanded[^1];
        Assert.Equal("archive-too-large", last.Error?.Code);
        Assert.Contains("100:1 as a whole", last.Error!.Message, StringComparison.Ordinal);
        long limit = Math.Max(limits.RatioFloorBytes, (long)(zip.Length * limits.MaxArchiveRatio));
        Assert.True((expanded.Count - 1) * (long)megabyte.Length <= limit, $"{expanded.Count - 1} MB expanded before the stop; the limit is {limit:N0} bytes");
        Assert.True(expanded.Count < 300);
    }

    [Fact]
    public void With_activity_files_only_a_zero_filled_fit_is_refused_from_its_first_bytes_and_a_csv_too()
    {
        byte[] zip = ArchiveTests.Zip(
            ("zeros.fit", new byte[1 << 20]),
            ("activities.csv", "Activity ID,Date\n1,May\n"u8.ToArray()),
            ("run.gpx", Encoding.UTF8.GetBytes("\uFEFF  <?xml version=\"1.0\"?><gpx/>")),
            ("inner.zip", ArchiveTests.Zip(("x.tcx", "<TrainingCenterDatabase/>"u8.ToArray()))));

        List<ArchiveEntry> expanded = [.. ActivityArchive.Expand(new MemoryStream(zip), "a.zip", new ArchiveLimits { ActivityFilesOnly = true })];

        Assert.Equal(["a.zip!zeros.fit", "a.zip!activities.csv", "a.zip!run.gpx", "a.zip!inner.zip!x.tcx"], expanded.Select(e => e.Path));
        Assert.Equal("unsupported-format", expanded[0].Error?.Code);
        Assert.Contains("starts with 0000000000000000", expanded[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("unsupported-format", expanded[1].Error?.Code);
        Assert.NotNull(expanded[2].Content);
        Assert.NotNull(expanded[3].Content);
    }

    [Fact]
    public void Without_activity_files_only_every_entry_keeps_its_content()
    {
        byte[] zip = ArchiveTests.Zip(("activities.csv", "Activity ID\n"u8.ToArray()));

        ArchiveEntry entry = Assert.Single(ActivityArchive.Expand(new MemoryStream(zip), "a.zip"));

        Assert.Null(entry.Error);
        Assert.Equal("Activity ID\n"u8.ToArray(), entry.Content);
    }

    [Fact]
    public void A_single_zip_upload_skips_a_csv_beside_the_run_when_reading_activity_files_only()
    {
        byte[] zip = ArchiveTests.Zip(("activities.csv", "Activity ID\n"u8.ToArray()), ("zeros.bin", new byte[4096]));

        var error = Assert.Throws<ActivityFileException>(() => ActivityFile.Read(zip, "one.zip", new ArchiveLimits { ActivityFilesOnly = true }));

        Assert.Equal("archive-not-single", error.Code); // no activity file found; neither entry was an error
    }

    [Fact]
    public void An_entry_past_a_cap_that_is_not_a_power_of_two_is_refused_not_cut_short()
    {
        // The pool rounds 3 MiB up to 4 MiB: the cap, not the rented length, decides when an entry is too large.
        byte[] zip = ArchiveTests.Zip(("big.gpx", new byte[3_500_000]));

        ArchiveEntry entry = Assert.Single(ActivityArchive.Expand(new MemoryStream(zip), "a.zip", new ArchiveLimits { MaxEntryBytes = 3 << 20, MaxRatio = 1e6, MaxArchiveRatio = 1e6 }));

        Assert.Equal("archive-entry-too-large", entry.Error?.Code);
    }

    /// <summary>Rewrites every local and central header's uncompressed size (what a hostile archive may claim).</summary>
    private static byte[] DeclareSizes(byte[] zip, uint size)
    {
        for (int i = 0; i + 30 < zip.Length; i++)
        {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 22), size);
            }
            else if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + 24), size);
            }
        }

        return zip;
    }
}
