using RunRecovery.Formats.Errors;
using RunRecovery.Formats.Fit;
using SharpFuzz;

// AFL++ harness for the FIT decoder (see fuzz/README.md). A finding is any exception other than a typed
// ActivityFileException, or the decoder's "internal-error" safety net (which means a bug was caught).
Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    byte[] data = copy.ToArray();
    try
    {
        FitActivityReader.Read(data);
    }
    catch (ActivityFileException e) when (e.Code != "internal-error")
    {
        // a typed, expected outcome for damaged input
    }

    try
    {
        FitActivityReader.Read(new MemoryStream(data));
    }
    catch (ActivityFileException e) when (e.Code != "internal-error")
    {
        // the streaming path must behave the same way
    }
});
