using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// Groups runs by recipe and fits each group as one curve (seeds of a recipe are one curve). A recipe's runs are taken
/// in digest order, as the ledger's verbs take them (StoredRecipeData), so `ledger curve` and `ledger fit` give the same
/// input digest, bootstrap seed and bits on the same runs whatever order the files name them in. Recipes are spread
/// over the cores; every fit is a pure function of its own points, so the results do not depend on the core count.
/// </summary>
public static class RecipeFits
{
    /// <param name="progress">Told the number of recipes fitted so far, out of all of them, as fits finish.</param>
    public static IReadOnlyList<RecipeCurve> Fit(IEnumerable<RunLog> runs, FitOptions options, IProgress<(int Done, int Total)>? progress = null)
    {
        var groups = runs
            .GroupBy(run => run.Recipe, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.OrderBy(RunDigest.Compute, StringComparer.Ordinal).ToList())
            .ToArray();
        var results = new RecipeCurve[groups.Length];
        var done = 0;
        Parallel.For(0, groups.Length, i =>
        {
            results[i] = new RecipeCurve(CurveFitter.Fit(groups[i][0].Recipe, FitData.FromRuns(groups[i]), options), groups[i]);
            progress?.Report((Interlocked.Increment(ref done), groups.Length));
        });
        return results;
    }
}
