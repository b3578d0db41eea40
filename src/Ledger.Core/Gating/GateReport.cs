namespace Ledger.Core.Gating;

/// <summary>
/// One gate run: the build, the baseline it was compared with (null when the ledger has none yet), the rule's
/// settings, every recipe's verdict, and the run-log files behind each recipe (so failures can name them).
/// </summary>
public sealed record GateReport(
    string Commit,
    string Branch,
    string? Baseline,
    GateOptions Options,
    IReadOnlyList<RecipeVerdict> Verdicts,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SourcesByRecipe)
{
    public bool Failed => Verdicts.Any(v => Options.Fails(v.Verdict));

    public int Count(VerdictKind kind) => Verdicts.Count(v => v.Verdict == kind);

    /// <summary>The run log a diagnostic about a recipe points at: its first source, else the recipe's name.</summary>
    public string SourceOf(string recipe) =>
        SourcesByRecipe.TryGetValue(recipe, out var sources) && sources.Count > 0 ? sources[0] : recipe;
}
