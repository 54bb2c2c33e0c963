using RunRecovery.Formats.Fit.Profile;

namespace RunRecovery.Formats.Fit.Encoding;

/// <summary>A raw (already scaled) value for <see cref="FitWriter"/>: a number, text, bytes, an array, or invalid.</summary>
public readonly struct FitValue : IEquatable<FitValue>
{
    private FitValue(FitValueKind kind, long integer, double number, object? reference)
    {
        Kind = kind;
        Integer = integer;
        Number = number;
        Reference = reference;
    }

    public static FitValue Invalid => default;

    public FitValueKind Kind { get; }

    public long Integer { get; }

    public double Number { get; }

    public object? Reference { get; }

    public static FitValue Of(long value) => new(FitValueKind.Integer, value, value, null);

    public static FitValue Of(double value) => new(FitValueKind.Float, (long)Math.Round(value), value, null);

    public static FitValue Of(string? value) => value is null ? Invalid : new(FitValueKind.Text, 0, 0, value);

    /// <summary>A physical value (metres, seconds…) as <paramref name="field"/>'s raw integer; invalid when absent.</summary>
    public static FitValue Raw(double? physical, FitProfileField field) =>
        physical is double p ? Of((long)Math.Round(field.ToRaw(p))) : Invalid;

    public static FitValue Of(byte[]? value) => value is null ? Invalid : new(FitValueKind.Bytes, 0, 0, value);

    public static FitValue Of(long[]? value) => value is null ? Invalid : new(FitValueKind.IntegerArray, 0, 0, value);

    public static implicit operator FitValue(long value) => Of(value);

    public static implicit operator FitValue(long? value) => value is long v ? Of(v) : Invalid;

    public static implicit operator FitValue(double value) => Of(value);

    public static implicit operator FitValue(double? value) => value is double v ? Of(v) : Invalid;

    public static implicit operator FitValue(string? value) => Of(value);

    public static implicit operator FitValue(byte[]? value) => Of(value);

    public static implicit operator FitValue(long[]? value) => Of(value);

    public static FitValue FromInt64(long value) => Of(value);

    public static FitValue FromDouble(double value) => Of(value);

    public static FitValue FromString(string? value) => Of(value);

    public static FitValue FromByteArray(byte[]? value) => Of(value);

    public static FitValue FromInt64Array(long[]? value) => Of(value);

    public bool Equals(FitValue other) =>
        Kind == other.Kind && Integer == other.Integer && Number.Equals(other.Number) && Equals(Reference, other.Reference);

    public override bool Equals(object? obj) => obj is FitValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Integer, Number, Reference);

    public static bool operator ==(FitValue left, FitValue right) => left.Equals(right);

    public static bool operator !=(FitValue left, FitValue right) => !left.Equals(right);
}

public enum FitValueKind
{
    Invalid,
    Integer,
    Float,
    Text,
    Bytes,
    IntegerArray,
}
