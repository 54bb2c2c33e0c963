using System.Runtime.InteropServices;

namespace RunRecovery.Formats;

internal static class ActivityBytes
{
    /// <summary>A read-only stream over the bytes, without copying when they live in an array.</summary>
    public static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out ArraySegment<byte> segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
