using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The steps each recipe's page draws: the report's fits along one branch (the report's --branch, else main, whose
/// snapshots the gate compares with), segmented as `ledger changes` segments them, with the seed prior pooled over the
/// branch's fits and the acknowledged changes cutting the histories, so the line on the plot is what the verb reports.
/// </summary>
internal static class ReportSteps
{
    public static IReadOnlyDictionary<string, AsymptoteSteps> Of(ReportData data, string branch, FitOptions fit, AllowList allowList)
    {
        var snapshots = data.Snapshots.Where(s => s.Branch == branch).ToList();
        if (snapshots.Count == 0)
            return new Dictionary<string, AsymptoteSteps>();
        var commits = snapshots.Select(s => s.Commit).ToList();
        var ids = snapshots.Select(s => s.Id).ToList();
        var priors = SeedPriors.From(snapshots.SelectMany(s => data.RowsOf(s.Id)).Select(r => r.Fit), null);
        var rule = new ChangeRule(fit.Tolerance, ConfidenceLevel: fit.ConfidenceLevel);
        var bySnapshot = snapshots.Select(s => data.RowsOf(s.Id).ToDictionary(r => r.Recipe, r => r.Fit, StringComparer.Ordinal)).ToList();
        return data.RowsByRecipe.Keys.ToDictionary(recipe => recipe, recipe =>
        {
            var fits = bySnapshot.Select(fitsOf => fitsOf.GetValueOrDefault(recipe)).ToList();
            return AsymptoteSteps.Of(RecipeChanges.Of(AsymptoteSeries.From(recipe, commits, fits, priors), rule, allowList.Acknowledgements), ids, fit.ConfidenceLevel, branch);
        }, StringComparer.Ordinal);
    }
}
