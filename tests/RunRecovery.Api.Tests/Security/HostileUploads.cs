using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RunRecovery.Api.Tests.Infrastructure;
using RunRecovery.Formats.Fit.Profile;
using static RunRecovery.Api.Tests.Security.HostileFiles;

namespace RunRecovery.Api.Tests.Security;

/// <summary>One row of the upload matrix: the body sent to POST /api/activities and the refusal expected.</summary>
public sealed record HostileUpload(string Name, Func<HttpContent> Body, HttpStatusCode Status, string Code);

/// <summary>
/// The upload half of the hostile-input matrix (docs/security.md, "Hostile input"). Every row is refused:
/// its status and code are the library's documented answer for that kind of damage.
/// </summary>
public static class HostileUploads
{
    private const HttpStatusCode Unprocessable = HttpStatusCode.UnprocessableEntity;

    public static IReadOnlyDictionary<string, HostileUpload> Refused { get; } = new HostileUpload[]
    {
        // FIT mutation classes (FitMutationTests), one representative each, from our encoder's run.
        new("fit truncated inside the header", () => Fit(FitRun()[..10]), HttpStatusCode.UnsupportedMediaType, "unsupported-format"),
        new("fit truncated after the header", () => Fit(FitRun()[..14]), Unprocessable, "truncated"),
        new("fit truncated inside the first definition", () => Fit(Cut(f => (int)f.Layout.Definitions[0].Offset + 4)), Unprocessable, "truncated"),
        new("fit truncated inside a record", () => Fit(Cut(f => (int)f.Layout.FirstMessage(FitProfile.Record) + 3)), Unprocessable, "truncated"),
        new("fit header signature bit flip", () => Fit(Mutate(FitRun(), (f, _) => f[9] ^= 0x02)), HttpStatusCode.UnsupportedMediaType, "unsupported-format"),
        new("fit header CRC damaged", () => Fit(Mutate(FitRun(), (f, _) => f[12] ^= 0xFF)), Unprocessable, "crc-mismatch"),
        new("fit protocol version 15", () => Fit(Mutate(FitRun(), (f, _) => { f[1] = 0xF0; FixHeaderCrc(f); })), HttpStatusCode.UnsupportedMediaType, "unsupported-format"),
        new("fit header data size inflated", () => Fit(Mutate(FitRun(), (f, _) => { f[4..8].AsSpan().Clear(); BitConverter.GetBytes(int.MaxValue).CopyTo(f, 4); FixHeaderCrc(f); })), Unprocessable, "undefined-local-message"),
        new("fit definition field count 255", () => Fit(Mutate(FitRun(), (f, l) => f[l.Definition(FitProfile.Record).Offset + 5] = 0xFF)), Unprocessable, "bad-definition"),
        new("fit definition field size 255", () => Fit(Mutate(FitRun(), (f, l) => f[FieldTriple(l.Definition(FitProfile.Record), 3) + 1] = 0xFF)), Unprocessable, "bad-definition"),
        new("fit record header bit flip to an undefined local type", () => Fit(Mutate(FitRun(), (f, l) => f[l.FirstMessage(FitProfile.Record)] |= 0x0F)), Unprocessable, "undefined-local-message"),
        new("fit bytes inserted after the header", () => Fit(Insert(FitRun(), 14, [0x4F, 0x12, 0x99, 0x03, 0xAB])), Unprocessable, "bad-definition"),
        new("fit random bytes over the data", () => Fit(Mutate(FitRun(), (f, _) => new Random(7).NextBytes(f.AsSpan(14, 64)))), Unprocessable, "bad-definition"),

        // Not an activity, implausible dates.
        new("fit weight scale file (type 9)", () => Fit(NotAnActivity(9)), Unprocessable, "not-an-activity"),
        new("fit settings file (type 2)", () => Fit(NotAnActivity(2)), Unprocessable, "not-an-activity"),
        new("fit device file (type 1)", () => Fit(NotAnActivity(1)), Unprocessable, "not-an-activity"),
        new("fit activity file with no records or sessions", () => Fit(NotAnActivity(4)), Unprocessable, "no-data"),
        new("tcx course (a planned route)", () => Tcx(Encoding.UTF8.GetBytes(TcxCourse)), Unprocessable, "not-an-activity"),
        new("gpx route without times", () => Gpx(Encoding.UTF8.GetBytes(GpxRouteWithoutTimes)), Unprocessable, "not-an-activity"),
        new("fit run dated 2099", () => Fit(FitAt(new DateTimeOffset(2099, 6, 1, 7, 0, 0, TimeSpan.Zero))), Unprocessable, "implausible-date"),
        new("gpx run dated 1970", () => Gpx(GpxRun(new DateTimeOffset(1970, 1, 1, 7, 0, 0, TimeSpan.Zero))), Unprocessable, "implausible-date"),
        new("gpx run dated tomorrow", () => Gpx(GpxRun(DateTimeOffset.UtcNow.AddDays(2))), Unprocessable, "implausible-date"),
        new("gpx run dated year 0001", () => Gpx(GpxRun(new DateTimeOffset(1, 1, 1, 7, 0, 0, TimeSpan.Zero))), Unprocessable, "implausible-date"),
        new("fit session claiming 49.7 days and 42,950 km", () => Fit(FitClaiming(TimeSpan.FromDays(49.7), 42_950_000)), Unprocessable, "implausible"),
        new("fit 10-minute session claiming 42,949 km", () => Fit(FitClaiming(TimeSpan.FromMinutes(10), 42_949_000)), Unprocessable, "implausible"),
        new("fit 10-minute session claiming 8 km (48 km/h)", () => Fit(FitClaiming(TimeSpan.FromMinutes(10), 8_000)), Unprocessable, "implausible"),

        // XML.
        new("gpx billion laughs", () => Gpx(Encoding.UTF8.GetBytes(BillionLaughs)), Unprocessable, "xml-forbidden"),
        new("gpx external entity to a local file", () => Gpx(Encoding.UTF8.GetBytes(ExternalEntity("file:///etc/passwd"))), Unprocessable, "xml-forbidden"),
        new("gpx external entity to a URL", () => Gpx(Encoding.UTF8.GetBytes(ExternalEntity("http://127.0.0.1:5149/secret"))), Unprocessable, "xml-forbidden"),
        new("tcx with an external DTD", () => Tcx(Encoding.UTF8.GetBytes(TcxWithDtd)), Unprocessable, "xml-forbidden"),
        new("gpx nested 100,000 deep", () => Gpx(GpxDeeplyNested()), Unprocessable, "xml-forbidden"),
        new("gpx attribute of 2 MB", () => Gpx(GpxHugeAttribute()), Unprocessable, "xml-forbidden"),

        // Sizes.
        new("0-byte raw body", () => Fit([]), HttpStatusCode.BadRequest, "empty-file"),
        new("0-byte file in a form", () => Form(("files", "empty.fit", [])), HttpStatusCode.BadRequest, "empty-file"),
        // (100 MB sent raw, with and without Content-Length: HostileInputTests, they also count the bytes sent.)
        new("100 MB of garbage as a form file", () => new MultipartFormDataContent { { GeneratedContent.Garbage(100L << 20), "files", "big.fit" } }, HttpStatusCode.RequestEntityTooLarge, "too-large"),
        new("10,000 files in one form", () => Form([.. Enumerable.Range(0, 10_000).Select(i => ("files", $"{i}.fit", new byte[] { 1 }))]), HttpStatusCode.RequestEntityTooLarge, "too-many-files"),

        // Archives uploaded as one file (exports are accepted there).
        new("zip bomb entry (1000:1)", () => ZipBody(Zip(CompressionLevel.SmallestSize, ("run.gpx", GpxThenZeros(5 << 20)))), Unprocessable, "zip-bomb"),
        new("zip entry of 5 MB of zeros named .fit (refused from its first 512 bytes)", () => ZipBody(Zip(CompressionLevel.SmallestSize, ("run.fit", new byte[5 << 20]))), HttpStatusCode.UnsupportedMediaType, "unsupported-format"),
        new("zip nested 6 deep", () => ZipBody(NestedZip(6)), Unprocessable, "archive-too-deep"),
        new("zip of 20,000 entries", () => ZipBody(ZipWithManyEntries(20_000)), Unprocessable, "archive-too-many-entries"),
        new("zip entry ../escape.fit", () => ZipBody(Zip(("../escape.fit", FitRun(40)))), Unprocessable, "archive-unsafe-path"),
        new("zip entry /etc/absolute.fit", () => ZipBody(Zip(("/etc/absolute.fit", FitRun(41)))), Unprocessable, "archive-unsafe-path"),
        new("zip entry ..\\windows.fit", () => ZipBody(Zip(("a\\..\\..\\windows.fit", FitRun(42)))), Unprocessable, "archive-unsafe-path"),
        new("zip entry C:\\drive.fit", () => ZipBody(Zip(("C:\\drive.fit", FitRun(43)))), Unprocessable, "archive-unsafe-path"),
        new("zip entry with a NUL", () => ZipBody(Zip(("run.fit\0.txt", FitRun(44)))), Unprocessable, "archive-unsafe-path"),
        new("zip entries of a bomb and a traversal in a form", () => Form(("files", "export.zip", Zip(("../a.fit", FitRun(45)), ("b.fit", new byte[3 << 20])))), Unprocessable, "archive-unsafe-path"),

        // Names.
        new("file name with a NUL", () => Named(FitRun(46), "run\0.fit"), HttpStatusCode.BadRequest, "invalid-file-name"),
    }.ToDictionary(row => row.Name);

    public static TheoryData<string> RefusedNames() => [.. Refused.Keys];

    private static byte[] Cut(Func<(byte[] File, FitLayout Layout), int> at)
    {
        byte[] file = FitRun();
        return file[..at((file, FitLayout.Of(file)))];
    }

    private static byte[] Insert(byte[] file, int at, byte[] noise) => [.. file[..at], .. noise, .. file[at..]];

    private static ByteArrayContent Raw(byte[] body, string type)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static ByteArrayContent Fit(byte[] body) => Raw(body, "application/vnd.ant.fit");

    private static ByteArrayContent Gpx(byte[] body) => Raw(body, "application/gpx+xml");

    private static ByteArrayContent Tcx(byte[] body) => Raw(body, "application/vnd.garmin.tcx+xml");

    private static ByteArrayContent ZipBody(byte[] body) => Raw(body, "application/zip");

    private static ByteArrayContent Named(byte[] body, string fileName)
    {
        ByteArrayContent content = Fit(body);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName };
        return content;
    }

    private static MultipartFormDataContent Form(params (string Field, string FileName, byte[] Content)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach ((string field, string fileName, byte[] content) in parts)
        {
            form.Add(new ByteArrayContent(content), field, fileName);
        }

        return form;
    }
}
