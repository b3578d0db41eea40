using Ledger.Core.Fitting;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The one way a recipe's stored runs become the points of its fit, shared by every verb that fits from the
/// ledger (history, fit, gate, verify, predict, rank), so that they all compute the same input digest and can
/// share cached fits. Runs are taken in digest order, not append order: the fit of a snapshot is then a
/// function of the set of runs it holds, whatever order concurrent CI jobs appended them in.
/// </summary>
public static class StoredRecipeData
{
    public static FitData From(IEnumerable<StoredRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var ordered = runs.OrderBy(run => run.Digest, StringComparer.Ordinal).ToList();
        var count = ordered.Sum(run => run.Points.Count);
        var compute = new double[count];
        var reward = new double[count];
        var runIndex = new int[count];
        var names = new string[ordered.Count];
        var next = 0;
        for (var r = 0; r < ordered.Count; r++)
        {
            names[r] = ordered[r].RunName;
            foreach (var point in ordered[r].Points)
            {
                compute[next] = point.Compute;
                reward[next] = point.Reward;
                runIndex[next] = r;
                next++;
            }
        }
        var metrics = ordered.Select(run => run.RewardColumn).Distinct(StringComparer.Ordinal).ToList();
        return new FitData(names, compute, reward, runIndex) { Metric = metrics.Count == 1 ? metrics[0] : null };
    }
}
