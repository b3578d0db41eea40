namespace Ledger.Core.Gating;

/// <summary>The gate rule's settings; the defaults are the ones README.md documents and measures.</summary>
public sealed record GateOptions
{
    /// <summary>The drop in A that is tolerated whatever its significance (absolute, in metric units).</summary>
    public double Tolerance { get; init; } = 0.02;

    /// <summary>
    /// The false-alarm level over all recipes of a build (Benjamini-Hochberg): with no true change, the chance that
    /// the build fails at all. 1 %: a gate that fails one commit in twenty by chance would be switched off.
    /// </summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>For a metric that falls (a loss): a rise in A is the regression.</summary>
    public bool LowerIsBetter { get; init; }

    /// <summary>
    /// Tolerances of single recipes that replace <see cref="Tolerance"/> for them: an MSBuild LedgerRunLog item's
    /// Tolerance metadata, resolved to the recipes its logs hold.
    /// </summary>
    public IReadOnlyDictionary<string, double> RecipeTolerances { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The drop in A tolerated for this recipe.</summary>
    public double ToleranceFor(string recipe) => RecipeTolerances.TryGetValue(recipe, out var tolerance) ? tolerance : Tolerance;
}
