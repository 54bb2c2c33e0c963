using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Model;

namespace RunRecovery.Formats.Fit;

/// <summary>The FIT bytes break the protocol: bad header signature, undefined local message, impossible sizes.</summary>
public sealed class FitFormatException : ActivityFileException
{
    public FitFormatException(string code, string message, long? offset = null, Exception? inner = null)
        : base(code, message, offset, inner)
    {
    }

    public FitFormatException()
        : base("malformed", "The FIT file is malformed.")
    {
    }

    public FitFormatException(string message)
        : base("malformed", message)
    {
    }

    public FitFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A CRC does not match: the header CRC (offset 12 of a 14-byte header), or the file CRC in strict mode.</summary>
public sealed class FitIntegrityException : ActivityFileException
{
    public FitIntegrityException(string code, string message, long? offset = null, Exception? inner = null)
        : base(code, message, offset, inner)
    {
    }

    public FitIntegrityException()
        : base("crc-mismatch", "A FIT CRC does not match.")
    {
    }

    public FitIntegrityException(string message)
        : base("crc-mismatch", message)
    {
    }

    public FitIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The bytes end before the FIT file says they do (a record, a header or the CRC is cut off).</summary>
public sealed class FitTruncatedException : ActivityFileException
{
    public FitTruncatedException(string code, string message, long? offset = null, Exception? inner = null)
        : base(code, message, offset, inner)
    {
    }

    public FitTruncatedException()
        : base("truncated", "The FIT file is truncated.")
    {
    }

    public FitTruncatedException(string message)
        : base("truncated", message)
    {
    }

    public FitTruncatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The file uses a FIT feature we do not read (e.g. a newer major protocol version).</summary>
public sealed class FitUnsupportedException : ActivityFileException
{
    public FitUnsupportedException(string code, string message, long? offset = null, Exception? inner = null)
        : base(code, message, offset, inner)
    {
    }

    public FitUnsupportedException()
        : base("unsupported-format", "The FIT file uses an unsupported feature.")
    {
    }

    public FitUnsupportedException(string message)
        : base("unsupported-format", message)
    {
    }

    public FitUnsupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

internal static class FitExceptions
{
    /// <summary>The same error, carrying what was decoded before it.</summary>
    public static ActivityFileException WithPartial(ActivityFileException error, ParsedActivity partial) => error switch
    {
        FitFormatException e => new FitFormatException(e.Code, e.Message, e.Offset, e.InnerException) { Partial = partial },
        FitIntegrityException e => new FitIntegrityException(e.Code, e.Message, e.Offset, e.InnerException) { Partial = partial },
        FitTruncatedException e => new FitTruncatedException(e.Code, e.Message, e.Offset, e.InnerException) { Partial = partial },
        FitUnsupportedException e => new FitUnsupportedException(e.Code, e.Message, e.Offset, e.InnerException) { Partial = partial },
        _ => new ActivityFileException(error.Code, error.Message, error.Offset, error.InnerException) { Partial = partial },
    };
}
