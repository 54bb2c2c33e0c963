using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit.Mapping;
using RunRecovery.Formats.Fit.Wire;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit;

/// <summary>
/// Reads a FIT activity file (or a chain of FIT files) into the shared <see cref="ParsedActivity"/> model:
/// <see cref="FitDecoder"/> (wire format) → <see cref="Profile.FitProfile"/> (fields we read) →
/// <see cref="FitActivityBuilder"/> (mapping). Damage throws a <see cref="FitFormatException"/>,
/// <see cref="FitIntegrityException"/>, <see cref="FitTruncatedException"/> or <see cref="FitUnsupportedException"/>
/// whose <see cref="ActivityFileException.Partial"/> holds everything decoded before it; no other exception
/// escapes for any input bytes.
/// </summary>
public static class FitActivityReader
{
    public static ParsedActivity Read(ReadOnlySpan<byte> data) => Read(data, FitReadOptions.Default);

    public static ParsedActivity Read(ReadOnlySpan<byte> data, FitReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var decoder = new FitDecoder(new FitDecoderOptions { StrictCrc = options.StrictCrc });
        var builder = new FitActivityBuilder(decoder, data.Length);
        ActivityFileException? failure = null;
        try
        {
            decoder.Decode(data, isFinal: true, builder);
        }
        catch (ActivityFileException e)
        {
            failure = e;
        }
        catch (Exception e) when (IsDecoderBug(e))
        {
            failure = InternalError(e, decoder);
        }

        return Finish(builder, failure, options);
    }

    /// <summary>
    /// Reads from a stream through a fixed buffer (the decoder's memory does not grow with the file; the model's
    /// samples do). Errors of the stream itself (e.g. IOException) pass through.
    /// </summary>
    public static ParsedActivity Read(Stream stream, FitReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= FitReadOptions.Default;
        var decoder = new FitDecoder(new FitDecoderOptions { StrictCrc = options.StrictCrc });
        var builder = new FitActivityBuilder(decoder, stream.CanSeek ? stream.Length - stream.Position : null);
        ActivityFileException? failure = null;
        try
        {
            decoder.DecodeStream(stream, builder);
        }
        catch (ActivityFileException e)
        {
            failure = e;
        }
        catch (Exception e) when (IsDecoderBug(e))
        {
            failure = InternalError(e, decoder);
        }

        return Finish(builder, failure, options);
    }

    private static ParsedActivity Finish(FitActivityBuilder builder, ActivityFileException? failure, FitReadOptions options)
    {
        ParsedActivity activity;
        try
        {
            activity = builder.Build(failure?.ToError());
        }
        catch (Exception e) when (IsDecoderBug(e))
        {
            // The safety net covers the mapping's final step too (found by fuzzing: a TimeSpan overflow there).
            var bug = new FitFormatException("internal-error", $"The FIT mapping failed: {e.GetType().Name}: {e.Message}", null, e);
            failure = bug;
            activity = new ParsedActivity { Format = ActivityFormat.Fit, Error = bug.ToError() };
        }

        if (failure is null || options.ReturnPartialOnError)
        {
            return activity;
        }

        throw FitExceptions.WithPartial(failure, activity);
    }

    // A safety net, not a code path: any of these means a decoder bug, and the mutation tests fail on
    // "internal-error". Stream I/O errors and cancellation are not decoder bugs and pass through.
    private static bool IsDecoderBug(Exception e) =>
        e is IndexOutOfRangeException or ArgumentException or InvalidOperationException or OverflowException
            or NullReferenceException or InvalidCastException or ArithmeticException or FormatException;

    private static FitFormatException InternalError(Exception e, FitDecoder decoder) =>
        new("internal-error", $"The FIT decoder failed near byte {decoder.Position}: {e.GetType().Name}: {e.Message}", decoder.Position, e);
}
