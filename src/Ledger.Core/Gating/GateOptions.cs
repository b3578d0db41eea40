namespace Ledger.Core.Gating;

/// <summary>The gate rule's settings; the defaults are the ones README.md documents and measures.</summary>
public sealed record GateOptions
{
    /// <summary>The drop in A that is tolerated whatever its significance (absolute, in metric units).</summary>
    public double Tolerance { get; init; } = 0.02;

    /// <summary>
    /// The family-wise false-alarm level over all recipes of a build (Holm): the chance that a build fails although no
    /// recipe fell by more than the tolerance, at worst (every recipe exactly at the tolerance); unchanged recipes fail far
    /// more rarely (README.md has the measured rates).
    /// </summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>What an unverified recipe does to the build: fail it (the default) or warn.</summary>
    public UnverifiedPolicy Unverified { get; init; } = UnverifiedPolicy.Fail;

    /// <summary>The seed-to-seed SD of A the user states (--seed-sd), instead of the prior pooled from the ledger.</summary>
    public double? SeedSd { get; init; }

    /// <summary>The confidence level of the intervals the gate prints on A and on the change.</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>For a metric that falls (a loss): a rise in A is the regression.</summary>
    public bool LowerIsBetter { get; init; }

    /// <summary>
    /// Tolerances of single recipes that replace <see cref="Tolerance"/> for them: an MSBuild LedgerRunLog item's
    /// Tolerance metadata, resolved to the recipes its logs hold.
    /// </summary>
    public IReadOnlyDictionary<string, double> RecipeTolerances { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>Whether a verdict fails the build under these options.</summary>
    public bool Fails(VerdictKind verdict) =>
        verdict == VerdictKind.Regressed || (verdict == VerdictKind.Unverified && Unverified == UnverifiedPolicy.Fail);

    /// <summary>The drop in A tolerated for this recipe.</summary>
    public double ToleranceFor(string recipe) => RecipeTolerances.TryGetValue(recipe, out var tolerance) ? tolerance : Tolerance;
}

/// <summary>Whether an unverified recipe fails the build or only warns.</summary>
public enum UnverifiedPolicy
{
    Fail,
    Warn,
}

/// <summary>The names the CLI and MSBuild give the policies: fail and warn.</summary>
public static class UnverifiedPolicies
{
    public static string Name(this UnverifiedPolicy policy) => policy == UnverifiedPolicy.Fail ? "fail" : "warn";

    public static bool TryParse(string text, out UnverifiedPolicy policy)
    {
        policy = string.Equals(text, "warn", StringComparison.OrdinalIgnoreCase) ? UnverifiedPolicy.Warn : UnverifiedPolicy.Fail;
        return string.Equals(text, "warn", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "fail", StringComparison.OrdinalIgnoreCase);
    }
}
