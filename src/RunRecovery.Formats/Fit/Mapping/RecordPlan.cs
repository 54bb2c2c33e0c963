using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using RunRecovery.Formats.Fit.Profile;
using RunRecovery.Formats.Fit.Wire;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// Where one profile field sits in a data message of a given definition (absent when not defined), with its
/// width, signedness, endianness and invalid sentinel resolved once, so a read is a load, a compare and a widen.
/// Little-endian 1-, 2- and 4-byte integers (nearly every record field) are read without a branch on their type
/// (issue 18): four bytes are loaded (ending at the field's end when it sits in the last three bytes), shifted and
/// masked to the field, and sign-extended by a shift pair; other types go the general way.
/// </summary>
internal readonly struct FieldSlot
{
    private readonly int _offset;
    private readonly int _size;
    private readonly int _width;
    private readonly FitBaseType _type;
    private readonly ulong _invalid;
    private readonly bool _signed;
    private readonly bool _float;
    private readonly bool _bigEndian;
    private readonly bool _fast;
    private readonly int _loadAt;
    private readonly int _loadShift;
    private readonly uint _mask;
    private readonly int _signShift;

    public FieldSlot(in FitFieldDefinition field, bool bigEndian, int dataSize)
    {
        _offset = field.Offset;
        _size = field.Size;
        _type = field.BaseType;
        _width = FitBaseTypes.SizeOf(field.BaseType);
        _bigEndian = bigEndian;
        _float = field.BaseType is FitBaseType.Float32 or FitBaseType.Float64;
        _signed = field.BaseType is FitBaseType.SInt8 or FitBaseType.SInt16 or FitBaseType.SInt32 or FitBaseType.SInt64;
        _invalid = field.BaseType switch
        {
            FitBaseType.SInt8 => 0x7F,
            FitBaseType.SInt16 => 0x7FFF,
            FitBaseType.SInt32 => 0x7FFFFFFF,
            FitBaseType.SInt64 => 0x7FFFFFFFFFFFFFFF,
            FitBaseType.UInt8z or FitBaseType.UInt16z or FitBaseType.UInt32z or FitBaseType.UInt64z => 0,
            _ => ulong.MaxValue >> (64 - (8 * FitBaseTypes.SizeOf(field.BaseType))),
        };
        Present = field.BaseType != FitBaseType.String;

        // The fast read: 4 bytes at _loadAt, within the payload, holding the field's first element.
        bool integer = Present && !_float && _width <= 4 && (!bigEndian || _width == 1);
        bool fitsFromStart = field.Offset + 4 <= dataSize;
        bool fitsToEnd = field.Offset + _width >= 4 && field.Offset + _width <= dataSize;
        _fast = integer && (fitsFromStart || fitsToEnd);
        _loadAt = fitsFromStart ? field.Offset : field.Offset + _width - 4;
        _loadShift = fitsFromStart ? 0 : 32 - (8 * _width);
        _mask = uint.MaxValue >> (32 - (8 * _width));
        _signShift = _signed ? 64 - (8 * _width) : 0;
    }

    /// <summary>
    /// A field the definition does not have, in a message of at least 4 bytes: read the fast way with an empty
    /// mask and a sentinel of 0, so it is never valid, and a plan of such slots needs no presence test (issue 18).
    /// </summary>
    public static FieldSlot Absent(int dataSize) => new(dataSize);

    private FieldSlot(int dataSize)
    {
        _fast = dataSize >= 4;
        _invalid = 0;
        _mask = 0;
        Present = false;
    }

    public bool Present { get; }

    /// <summary>True when <see cref="TryReadFast"/> reads this slot (present or not): no type test, no call.</summary>
    public bool IsFast => _fast;

    public ReadOnlySpan<byte> Bytes(ReadOnlySpan<byte> payload) => payload.Slice(_offset, _size);

    /// <summary>The raw integer value; false when absent or invalid (floats are rounded).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // issue 18: a dozen of these per record
    public bool TryRead(ReadOnlySpan<byte> payload, out long value)
    {
        if (_fast)
        {
            return TryReadFast(payload, out value);
        }

        if (!Present)
        {
            value = 0;
            return false;
        }

        return TryReadGeneral(payload, out value);
    }

    /// <summary><see cref="TryRead"/> for a slot known to be <see cref="IsFast"/>: a load, a shift pair and a compare.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadFast(ReadOnlySpan<byte> payload, out long value)
    {
        uint raw = (BinaryPrimitives.ReadUInt32LittleEndian(payload[_loadAt..]) >> _loadShift) & _mask;
        value = ((long)raw << _signShift) >> _signShift;
        return raw != _invalid;
    }

    /// <summary>The raw value as a double (floats keep their fraction); null when absent or invalid.</summary>
    public double? Read(ReadOnlySpan<byte> payload)
    {
        if (_float)
        {
            return Present ? FitBaseTypes.ReadDouble(payload.Slice(_offset, _size), _type, _bigEndian) : null;
        }

        return TryRead(payload, out long v) ? v : null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryReadGeneral(ReadOnlySpan<byte> payload, out long value)
    {
        if (_float)
        {
            double? d = FitBaseTypes.ReadDouble(payload.Slice(_offset, _size), _type, _bigEndian);
            value = d is double x && x is > long.MinValue and < long.MaxValue ? (long)Math.Round(x) : 0;
            return d is not null;
        }

        ReadOnlySpan<byte> b = payload.Slice(_offset, _width);
        ulong raw = _width switch
        {
            1 => b[0],
            2 => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
            4 => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
            _ => _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
        };
        if (raw == _invalid)
        {
            value = 0;
            return false;
        }

        int shift = 64 - (8 * _width);
        value = _signed ? (long)(raw << shift) >> shift : (long)raw;
        return _signed || raw <= long.MaxValue;
    }
}

/// <summary>A developer field of a record definition, resolved once to its description and output channel.</summary>
internal readonly record struct DeveloperSlot(int Offset, int Size, FitDeveloperFieldDescription Description, int Channel);

/// <summary>
/// The record (20) fields we read, located once per definition so the per-record work is a few fixed reads.
/// A field whose declared size does not fit its base type (COROS files) is left out: its bytes are skipped.
/// Slots are readonly fields, not properties, so a read works on the slot in place instead of on a copy.
/// </summary>
internal sealed class RecordPlan
{
    public RecordPlan(FitMessageDefinition definition, DeveloperSlot[] developer, out bool sizeMismatch)
    {
        Definition = definition;
        BigEndian = definition.BigEndian;
        Developer = developer;
        sizeMismatch = false;
        FieldSlot absent = FieldSlot.Absent(definition.DataSize);
        Latitude = Longitude = Altitude = HeartRate = Cadence = Distance = Speed = Power = absent;
        Temperature = FractionalCadence = EnhancedSpeed = EnhancedAltitude = CompressedSpeedDistance = absent;
        foreach (FitFieldDefinition field in definition.Fields)
        {
            if (field.Number == FitProfile.RecordFields.CompressedSpeedDistance.Number)
            {
                if (field.Size >= 3)
                {
                    CompressedSpeedDistance = new FieldSlot(field, definition.BigEndian, definition.DataSize);
                }

                continue;
            }

            if (!field.SizeMatchesType)
            {
                sizeMismatch |= field.Size != 0;
                continue;
            }

            var slot = new FieldSlot(field, definition.BigEndian, definition.DataSize);
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

        AllFast = !CompressedSpeedDistance.Present
            && Latitude.IsFast && Longitude.IsFast && Altitude.IsFast && HeartRate.IsFast && Cadence.IsFast
            && Distance.IsFast && Speed.IsFast && Power.IsFast && Temperature.IsFast && FractionalCadence.IsFast
            && EnhancedSpeed.IsFast && EnhancedAltitude.IsFast;
    }

    /// <summary>
    /// Every slot reads the fast way (little-endian integers of up to 4 bytes, or absent) and there is no
    /// compressed speed/distance: a record of this definition maps with no type test and no call (issue 18).
    /// </summary>
    public bool AllFast { get; }

    public FitMessageDefinition Definition { get; }

    public bool BigEndian { get; }

    public DeveloperSlot[] Developer { get; }

    public readonly FieldSlot Latitude;

    public readonly FieldSlot Longitude;

    public readonly FieldSlot Altitude;

    public readonly FieldSlot HeartRate;

    public readonly FieldSlot Cadence;

    public readonly FieldSlot Distance;

    public readonly FieldSlot Speed;

    public readonly FieldSlot Power;

    public readonly FieldSlot CompressedSpeedDistance;

    public readonly FieldSlot Temperature;

    public readonly FieldSlot FractionalCadence;

    public readonly FieldSlot EnhancedSpeed;

    public readonly FieldSlot EnhancedAltitude;
}
