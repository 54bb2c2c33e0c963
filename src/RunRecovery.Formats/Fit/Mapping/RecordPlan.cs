using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>Where one profile field sits in a data message of a given definition (absent when not defined).</summary>
internal readonly struct FieldSlot
{
    private readonly int _offset;
    private readonly int _size;
    private readonly FitBaseType _type;

    public FieldSlot(in FitFieldDefinition field)
    {
        _offset = field.Offset;
        _size = field.Size;
        _type = field.BaseType;
        Present = true;
    }

    public bool Present { get; }

    public ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> payload) => payload.Slice(_offset, _size);

    public double? Read(ReadOnlySpan<byte> payload, bool bigEndian) =>
        Present ? FitBaseTypes.ReadDouble(payload.Slice(_offset, _size), _type, bigEndian) : null;

    public long? ReadInteger(ReadOnlySpan<byte> payload, bool bigEndian) =>
        Present ? FitBaseTypes.ReadInteger(payload.Slice(_offset, _size), _type, bigEndian) : null;
}

/// <summary>A developer field of a record definition, resolved once to its description and output channel.</summary>
internal readonly record struct DeveloperSlot(int Offset, int Size, FitDeveloperFieldDescription Description, int Channel);

/// <summary>
/// The record (20) fields we read, located once per definition so the per-record work is a few fixed reads.
/// A field whose declared size does not fit its base type (COROS files) is left out: its bytes are skipped.
/// </summary>
internal sealed class RecordPlan
{
    public RecordPlan(FitMessageDefinition definition, DeveloperSlot[] developer, out bool sizeMismatch)
    {
        Definition = definition;
        BigEndian = definition.BigEndian;
        Developer = developer;
        sizeMismatch = false;
        foreach (FitFieldDefinition field in definition.Fields)
        {
            if (field.Number == FitProfile.RecordFields.CompressedSpeedDistance.Number)
            {
                if (field.Size >= 3)
                {
                    CompressedSpeedDistance = new FieldSlot(field);
                }

                continue;
            }

            if (!field.SizeMatchesType)
            {
                sizeMismatch |= field.Size != 0;
                continue;
            }

            var slot = new FieldSlot(field);
            switch (field.Number)
            {
                case 0: Latitude = slot; break;
                case 1: Longitude = slot; break;
                case 2: Altitude = slot; break;
                case 3: HeartRate = slot; break;
                case 4: Cadence = slot; break;
                case 5: Distance = slot; break;
                case 6: Speed = slot; break;
                case 7: Power = slot; break;
                case 13: Temperature = slot; break;
                case 53: FractionalCadence = slot; break;
                case 73: EnhancedSpeed = slot; break;
                case 78: EnhancedAltitude = slot; break;
                default: break;
            }
        }
    }

    public FitMessageDefinition Definition { get; }

    public bool BigEndian { get; }

    public DeveloperSlot[] Developer { get; }

    public FieldSlot Latitude { get; }

    public FieldSlot Longitude { get; }

    public FieldSlot Altitude { get; }

    public FieldSlot HeartRate { get; }

    public FieldSlot Cadence { get; }

    public FieldSlot Distance { get; }

    public FieldSlot Speed { get; }

    public FieldSlot Power { get; }

    public FieldSlot CompressedSpeedDistance { get; }

    public FieldSlot Temperature { get; }

    public FieldSlot FractionalCadence { get; }

    public FieldSlot EnhancedSpeed { get; }

    public FieldSlot EnhancedAltitude { get; }
}
