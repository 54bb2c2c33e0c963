using System.Buffers;

namespace RunRecovery.Formats.Fit.Wire;

/// <summary>
/// Feeds a stream to a <see cref="FitDecoder"/> through one fixed, pooled buffer larger than any record, so the
/// decoder's memory does not grow with the file. Errors reading the stream itself (IOException and the like) are
/// the stream's and pass through unchanged.
/// </summary>
internal static class FitStreamFeeder
{
    public static void Feed(FitDecoder decoder, Stream stream, IFitMessageSink sink)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(FitDecoder.StreamBufferSize);
        try
        {
            int start = 0;
            int end = 0;
            bool eof = false;
            while (true)
            {
                while (!eof && end < buffer.Length)
                {
                    int read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        eof = true;
                    }

                    end += read;
                }

                int consumed = decoder.Decode(buffer.AsSpan(start, end - start), eof, sink);
                start += consumed;
                if (eof || decoder.IsComplete)
                {
                    return;
                }

                if (consumed == 0 && start == 0 && end == buffer.Length)
                {
                    // Cannot happen: the buffer is larger than any record. Kept as a guard against a hang.
                    throw new FitFormatException("malformed", "A record does not fit the stream buffer.", decoder.Position);
                }

                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
