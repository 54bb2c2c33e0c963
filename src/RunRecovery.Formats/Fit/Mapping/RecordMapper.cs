using System.Runtime.CompilerServices;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;
using SampleFields = RunRecovery.Formats.Model.ActivitySample.SampleFields;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// record (20) messages into samples, the hot path of the mapping: each record definition is located once as a
/// <see cref="RecordPlan"/>, so a record costs a few fixed reads and no allocation. Records without a time are
/// counted and skipped; records with a time but no value keep only their place and time, for heart rate from hr
/// messages to fill (<see cref="FitActivityBuilder"/>).
/// </summary>
internal sealed partial class RecordMapper(DeveloperChannels developer, MappingWarnings warnings)
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private static readonly long EpochTicks = FitProfile.Epoch.UtcTicks;

    private readonly RecordPlan?[] _plans = new RecordPlan?[16];
    // The profile's scale and offset (FitProfile.RecordFields) as constants for the hot loop; the same division.
    private const double AltitudeScale = 5;
    private const double AltitudeOffset = 500;
    private const double SpeedScale = 1000;
    private const double DistanceScale = 100;
    private const double FractionalCadenceScale = 128;

    private uint _accumulatedDistanceRaw;
    private bool _haveFirstTimestamp;
    private uint _lastCompressedDistance;
    private bool _haveCompressedDistance;
    private long _timedRecords;
    private int _stride = 1;

    public SampleList Samples { get; } = new();

    /// <summary>Records that had a time and nothing else: where they would stand among the samples, and their time.</summary>
    public List<(int Position, DateTimeOffset Time)> EmptyRecords { get; } = [];

    public uint? FirstTimestamp { get; private set; }

    public int RecordsWithoutTime { get; private set; }

    /// <summary>
    /// Bytes of input actually present (buffer length, or a seekable stream's length), when known. Sizes the
    /// sample list once from the first record definition instead of growing it; never a length the file claims.
    /// </summary>
    public long? InputLength { get; init; }

    /// <summary>A new (chained) file: its local types and compressed distance start afresh.</summary>
    public void OnFileHeader()
    {
        Array.Clear(_plans);
        _haveCompressedDistance = false;
    }

    public void OnDefinition(FitMessageDefinition definition)
    {
        int local = definition.LocalType;
        if (definition.GlobalMessageNumber != FitProfile.Record)
        {
            _plans[local] = null;
            return;
        }

        if (_plans[local]?.Definition == definition)
        {
            return;
        }

        DeveloperSlot[] slots = developer.SlotsFor(definition);
        if (InputLength is long length && Samples.Count == 0)
        {
            long estimate = (length - definition.Offset) / (1 + Math.Max(definition.DataSize, 8));
            Samples.EnsureCapacity((int)Math.Clamp(estimate, Samples.Capacity, FitActivityBuilder.MaxPresizedSamples));
        }

        _plans[local] = new RecordPlan(definition, slots, out bool sizeMismatch);
        if (sizeMismatch)
        {
            warnings.AddOnce("field-size-mismatch", "A record field's size does not fit its base type; its bytes are skipped.", null);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // issue 18: hot from the first call (docs/benchmarks.md)
    public void OnRecord(in FitMessage message)
    {
        RecordPlan? plan = _plans[message.Definition.LocalType];
        if (plan is null || plan.Definition != message.Definition)
        {
            OnDefinition(message.Definition);
            plan = _plans[message.Definition.LocalType]!; // OnDefinition just built it for this record definition.
        }

        if (message.Timestamp is not uint timestamp)
        {
            RecordsWithoutTime++;
            return;
        }

        ReadOnlySpan<byte> payload = message.Payload;
        var time = new DateTimeOffset(EpochTicks + (timestamp * TicksPerSecond), TimeSpan.Zero);
        if (!_haveFirstTimestamp)
        {
            _haveFirstTimestamp = true;
            FirstTimestamp = timestamp;
        }

        if (plan.AllFast && plan.Developer.Length == 0)
        {
            // The common record (issue 18): nothing it reads has side effects, so whether it is kept is decided
            // first and the sample is built straight in the list's next slot, with no copy in between.
            if (Keep(message.Offset))
            {
                ref ActivitySample slot = ref Samples.NextSlot();
                if (ReadSample<FastSlots>(plan, payload, time, ref slot))
                {
                    Samples.CommitNextSlot();
                }
                else
                {
                    EmptyRecords.Add((Samples.Count, time));
                }
            }

            return;
        }

        // Compressed speed/distance accumulates over every record, kept or not: read first, then keep.
        ActivitySample sample = default;
        ReadSample<AnySlots>(plan, payload, time, ref sample);
        if (plan.Developer.Length > 0)
        {
            AddWithDeveloperValues(plan, payload, sample, message.Offset);
        }
        else if (Keep(message.Offset))
        {
            Add(sample, developerValues: 0);
        }
    }

    /// <summary>Whether this timed record is kept (every <c>_stride</c>-th once thinned), halving at the sample limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Keep(long offset)
    {
        long n = _timedRecords++;
        if (_stride != 1 && n % _stride != 0)
        {
            return false; // downsampled: only every _stride-th record is kept
        }

        return Samples.Count + EmptyRecords.Count < FitActivityBuilder.MaxSamples || HalveAtLimit(offset);
    }

    /// <summary>The sample limit is reached: thin what is kept, and say whether this record still is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool HalveAtLimit(long offset)
    {
        Halve();
        warnings.AddOnce(
            "downsampled",
            $"The file holds more than {FitActivityBuilder.MaxSamples} records (48 hours at one a second); they are thinned evenly to at most that many samples.",
            offset);
        return (_timedRecords - 1) % _stride == 0;
    }

    /// <returns>The sample's index, or -1 when the record holds only a time and is kept as an empty record.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Add(in ActivitySample sample, int developerValues)
    {
        int index = Samples.Count;
        if (developerValues == 0 && sample.IsEmpty)
        {
            // Not a sample unless heart rate from hr messages fills it (Build); only its place and time are kept.
            EmptyRecords.Add((index, sample.Time));
            return -1;
        }

        Samples.Add(sample);
        return index;
    }

    /// <summary>Records whose definition has developer fields: read them only then (issue 18).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddWithDeveloperValues(RecordPlan plan, ReadOnlySpan<byte> payload, in ActivitySample sample, long offset)
    {
        Span<double?> values = stackalloc double?[plan.Developer.Length];
        int developerValues = ReadDeveloperValues(plan, payload, values);
        if (!Keep(offset))
        {
            return;
        }

        int index = Add(sample, developerValues);
        if (index < 0)
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is double value)
            {
                developer.Set(plan.Developer[i].Channel, index, value);
            }
        }
    }

    /// <summary>
    /// Keeps every other sample and every other time-only record (their places follow), and from now on every
    /// second record of those that would have been kept: memory stays within <see cref="FitActivityBuilder.MaxSamples"/>
    /// however many records follow.
    /// </summary>
    private void Halve()
    {
        var odd = new List<int>(Samples.Count / 2);
        for (int i = 1; i < Samples.Count; i += 2)
        {
            odd.Add(i);
        }

        Samples.RemoveAscending(odd);
        developer.RemoveAscending(odd);
        int write = 0;
        for (int read = 0; read < EmptyRecords.Count; read += 2)
        {
            (int position, DateTimeOffset time) = EmptyRecords[read];
            EmptyRecords[write++] = ((position + 1) / 2, time); // samples kept before it: the even indexes below its place
        }

        EmptyRecords.RemoveRange(write, EmptyRecords.Count - write);
        _stride *= 2;
    }

    private static int ReadDeveloperValues(RecordPlan plan, ReadOnlySpan<byte> p, Span<double?> values)
    {
        int present = 0;
        for (int i = 0; i < plan.Developer.Length; i++)
        {
            DeveloperSlot slot = plan.Developer[i];
            double? raw = FitBaseTypes.ReadDouble(p.Slice(slot.Offset, slot.Size), slot.Description.BaseType, plan.BigEndian);
            values[i] = raw is double r ? (r / slot.Description.Scale) - slot.Description.ValueOffset : null;
            present += raw is null ? 0 : 1;
        }

        return present;
    }

}
