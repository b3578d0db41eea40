namespace Ledger.Core.Gating;

/// <summary>
/// Holm's step-down procedure: controls the chance of any false rejection among a build's recipes at alpha,
/// whatever the other recipes did (strong family-wise control). The gate's question is whether a build fails, and one
/// false failure is as bad as three, so the family-wise rate is the error that matters; unlike Benjamini-Hochberg it
/// does not grow more lenient for one recipe because others truly regressed. Ties are broken by input order.
/// </summary>
public static class Holm
{
    public static bool[] Reject(IReadOnlyList<double> pValues, double alpha)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var order = Enumerable.Range(0, pValues.Count).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var rejected = new bool[pValues.Count];
        for (var rank = 0; rank < order.Length; rank++)
        {
            if (!(pValues[order[rank]] <= alpha / (order.Length - rank)))
                break;
            rejected[order[rank]] = true;
        }
        return rejected;
    }
}
