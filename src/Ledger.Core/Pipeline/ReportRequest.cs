using Ledger.Core.Fitting;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger report`: where to write, which part of the ledger, whose templates, and the fit options that decide A.</summary>
/// <param name="OutputDirectory">The report folder; created when missing. Nothing is written outside it.</param>
/// <param name="Recipe">Only this recipe, or every recipe when null.</param>
/// <param name="Branch">Only snapshots of this branch, or every branch when null.</param>
/// <param name="Commit">Only snapshots of this commit, or every commit when null.</param>
/// <param name="TemplateDirectory">A folder whose .sbn files replace the embedded templates of the same name, or null.</param>
/// <param name="Force">Replace files of the report's names in the folder that Ledger did not write, instead of refusing (LEDGER131).</param>
/// <param name="AllowList">Its acknowledged changes cut the histories the recipes' step lines are drawn through, as for `ledger changes`; none when null.</param>
/// <param name="LowerIsBetter">The metric falls as training goes well (a loss), as the gate was told: the forest plots shade +tolerance, not -tolerance.</param>
public sealed record ReportRequest(string OutputDirectory, string? Recipe, string? Branch, string? Commit, string? TemplateDirectory, FitOptions Fit,
    bool Force = false, Gating.AllowList? AllowList = null, bool LowerIsBetter = false);

/// <summary>What one report call wrote: the file names inside the report folder, index.html first.</summary>
public sealed record ReportOutcome(string OutputDirectory, IReadOnlyList<string> Files, int Snapshots, int Recipes);
