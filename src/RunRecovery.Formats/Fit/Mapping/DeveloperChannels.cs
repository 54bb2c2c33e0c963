using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit.Mapping;

/// <summary>
/// Developer (Connect IQ) record fields: each described field becomes one channel of values aligned with the
/// samples, at most <see cref="MaxChannels"/>. A record definition's developer fields are resolved once to
/// <see cref="DeveloperSlot"/>s; their values are set per sample index as records arrive.
/// </summary>
internal sealed class DeveloperChannels(FitDecoder decoder, MappingWarnings warnings)
{
    public const int MaxChannels = 64;

    private readonly List<Channel> _channels = [];
    private readonly Dictionary<int, int> _channelByKey = [];

    /// <summary>Where the definition's readable developer fields sit and which channel each feeds.</summary>
    public DeveloperSlot[] SlotsFor(FitMessageDefinition definition)
    {
        if (definition.DeveloperFields.Count == 0)
        {
            return [];
        }

        var slots = new List<DeveloperSlot>(definition.DeveloperFields.Count);
        foreach (FitDeveloperFieldDefinition field in definition.DeveloperFields)
        {
            FitDeveloperFieldDescription? description = decoder.GetDeveloperFieldDescription(field.DeveloperDataIndex, field.Number);
            if (description is null)
            {
                warnings.AddOnce("undescribed-developer-field", $"Developer field {field.Number} of developer {field.DeveloperDataIndex} has no field_description; skipped.", null);
                continue;
            }

            if (description.BaseType == FitBaseType.String || field.Size < FitBaseTypes.SizeOf(description.BaseType))
            {
                continue;
            }

            int channel = ChannelFor(description);
            if (channel >= 0)
            {
                slots.Add(new DeveloperSlot(field.Offset, field.Size, description, channel));
            }
        }

        return [.. slots];
    }

    public void Set(int channel, int sampleIndex, double value) => _channels[channel].Set(sampleIndex, value);

    /// <summary>Null values at the given ascending final positions (samples inserted there).</summary>
    public void InsertNulls(List<int> indexes)
    {
        foreach (Channel channel in _channels)
        {
            channel.InsertNulls(indexes);
        }
    }

    /// <summary>Removes the values at the given ascending indexes (samples removed there).</summary>
    public void RemoveAscending(List<int> indexes)
    {
        foreach (Channel channel in _channels)
        {
            channel.RemoveAscending(indexes);
        }
    }

    public List<DeveloperChannel> Build(int sampleCount)
    {
        var channels = new List<DeveloperChannel>(_channels.Count);
        foreach (Channel channel in _channels)
        {
            channels.Add(channel.Build(sampleCount));
        }

        return channels;
    }

    private int ChannelFor(FitDeveloperFieldDescription description)
    {
        int key = (description.DeveloperDataIndex << 8) | description.FieldNumber;
        if (_channelByKey.TryGetValue(key, out int existing))
        {
            return existing;
        }

        if (_channels.Count >= MaxChannels)
        {
            warnings.AddOnce("too-many-developer-fields", $"More than {MaxChannels} developer record fields; the rest are skipped.", null);
            return -1;
        }

        string name = description.Name ?? $"developer_{description.DeveloperDataIndex}_{description.FieldNumber}";
        _channels.Add(new Channel(name, description.Units, description.DeveloperDataIndex));
        _channelByKey[key] = _channels.Count - 1;
        return _channels.Count - 1;
    }

    private sealed class Channel(string name, string? units, byte developerDataIndex)
    {
        private readonly List<double?> _values = [];

        public void Set(int index, double value)
        {
            if (_values.Count > index)
            {
                _values[index] = value;
                return;
            }

            while (_values.Count < index)
            {
                _values.Add(null);
            }

            _values.Add(value);
        }

        public void InsertNulls(List<int> indexes)
        {
            // Linear rebuild (indexes are ascending final positions); List.Insert per index would be quadratic.
            if (indexes.Count == 0 || indexes[0] >= _values.Count + indexes.Count)
            {
                return;
            }

            var rebuilt = new List<double?>(_values.Count + indexes.Count);
            int next = 0;
            foreach (double? value in _values)
            {
                while (next < indexes.Count && indexes[next] == rebuilt.Count)
                {
                    rebuilt.Add(null);
                    next++;
                }

                rebuilt.Add(value);
            }

            _values.Clear();
            _values.AddRange(rebuilt);
        }

        public void RemoveAscending(List<int> indexes)
        {
            // Linear compaction; empty samples hold no developer value, only padding nulls go.
            int write = 0;
            int next = 0;
            for (int read = 0; read < _values.Count; read++)
            {
                if (next < indexes.Count && indexes[next] == read)
                {
                    next++;
                    continue;
                }

                _values[write++] = _values[read];
            }

            _values.RemoveRange(write, _values.Count - write);
        }

        public DeveloperChannel Build(int sampleCount)
        {
            while (_values.Count < sampleCount)
            {
                _values.Add(null);
            }

            return new DeveloperChannel(name, units, developerDataIndex, _values);
        }
    }
}
