using System.Buffers.Binary;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// A FIT file header (12 or 14 bytes): the ".FIT" signature, a protocol version we read (≤ 2.x), the header's own
/// CRC when it has one (0 means "not computed"), and the declared data size.
/// </summary>
internal static class FitFileHeaderReader
{
    /// <summary>Checks and reads the header that starts at byte <paramref name="position"/>; damage throws.</summary>
    public static FitFileHeader Read(ReadOnlySpan<byte> header, long position)
    {
        if (header[8] != (byte)'.' || header[9] != (byte)'F' || header[10] != (byte)'I' || header[11] != (byte)'T')
        {
            throw new FitFormatException(
                "bad-header", $"No \".FIT\" signature in the header at byte {position}.", position);
        }

        byte protocol = header[1];
        if (protocol >> 4 > 2)
        {
            throw new FitUnsupportedException(
                "unsupported-format", $"FIT protocol version {protocol >> 4}.{protocol & 0xF} is newer than 2.x.", position + 1);
        }

        ushort? headerCrc = null;
        if (header.Length >= 14)
        {
            headerCrc = BinaryPrimitives.ReadUInt16LittleEndian(header[12..]);
            ushort computed = FitCrc.Compute(header[..12]);
            if (headerCrc != 0 && headerCrc != computed)
            {
                throw new FitIntegrityException(
                    "crc-mismatch",
                    $"Header CRC is 0x{headerCrc:X4}; bytes 0-11 of the header give 0x{computed:X4}.",
                    position + 12);
            }
        }

        uint dataSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return new FitFileHeader(
            position, (byte)header.Length, protocol, BinaryPrimitives.ReadUInt16LittleEndian(header[2..]), dataSize, headerCrc);
    }
}
