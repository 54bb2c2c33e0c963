namespace RunRecovery.Scoring.Planning;

/// <summary>
/// Marks a record (and, inherited, every record deriving from it) that <see cref="ConstructorOrder"/> writes in the order
/// of its primary constructor's parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class WrittenInConstructorOrderAttribute : Attribute;
