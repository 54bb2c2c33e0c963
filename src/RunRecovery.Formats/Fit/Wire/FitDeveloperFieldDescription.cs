namespace RunRecovery.Formats.Fit.Wire;

/// <summary>A field_description message (206): what a developer field is called and how to read it.</summary>
public sealed record FitDeveloperFieldDescription(
    byte DeveloperDataIndex,
    byte FieldNumber,
    FitBaseType BaseType,
    string? Name,
    string? Units,
    double Scale,
    double ValueOffset,
    ushort? NativeMessageNumber,
    byte? NativeFieldNumber);
