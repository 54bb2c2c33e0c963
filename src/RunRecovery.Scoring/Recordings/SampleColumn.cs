namespace RunRecovery.Scoring.Recordings;

/// <summary>
/// One value of every sample of a <see cref="RecordedSeries"/> (a column): the values, and which samples have one.
/// A column no sample has a value in holds no array; a column every sample has a value in holds no presence array.
/// </summary>
public readonly struct SampleColumn<T>
    where T : struct
{
    private readonly T[]? _values;
    private readonly bool[]? _present;
    private readonly int _offset;

    /// <param name="values">The values (an absent one is stored as given, read only through <see cref="Get"/>);
    /// null when no sample has one.</param>
    /// <param name="present">Which samples have a value; null when every sample does.</param>
    public SampleColumn(T[]? values, bool[]? present)
        : this(values, present, 0)
    {
    }

    private SampleColumn(T[]? values, bool[]? present, int offset)
    {
        _values = values;
        _present = present;
        _offset = offset;
    }

    /// <summary>True when no sample has a value.</summary>
    public bool IsEmpty => _values is null;

    /// <summary>True when sample <paramref name="index"/> has a value.</summary>
    public bool Has(int index) => _values is not null && (_present is null || _present[_offset + index]);

    /// <summary>The stored number of sample <paramref name="index"/>, without the presence check: only meaningful when <see cref="Has"/>.</summary>
    public T this[int index] => _values is null ? default : _values[_offset + index];

    /// <summary>The value of sample <paramref name="index"/>, or null when it has none.</summary>
    public T? Get(int index) => Has(index) ? _values![_offset + index] : null; // Has is true only with values

    internal SampleColumn<T> From(int offset) => new(_values, _present, _offset + offset);
}
