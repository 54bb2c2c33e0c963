namespace RunRecovery.Formats.Model;

/// <summary>
/// The sport words the readers and writers name: FIT profile sport names (<c>FitProfile.SportName</c> reads every
/// one of them; these are the ones GPX and TCX types map into), plus <see cref="Other"/>, the word of a GPX or TCX
/// file whose type says "other". A word not listed here is still a sport word (FIT "fitness_equipment", "e_biking").
/// </summary>
public static class SportWords
{
    public const string Generic = "generic";
    public const string Running = "running";
    public const string Cycling = "cycling";
    public const string Transition = "transition";
    public const string Swimming = "swimming";
    public const string Walking = "walking";
    public const string Rowing = "rowing";
    public const string Hiking = "hiking";
    public const string Multisport = "multisport";

    /// <summary>Not a FIT profile name: a GPX &lt;type&gt; or TCX Sport of "Other" (the FIT writer writes it as generic).</summary>
    public const string Other = "other";
}
