using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>Stored verdicts in the gate's reading order (<see cref="GateText.Ordered"/>): regressions first, then what needs a look, then the rest.</summary>
public static class VerdictOrder
{
    private static readonly string[] Order = VerdictNames.ReadingOrder.Select(k => k.Name()).ToArray();

    /// <summary>A verdict name the gate does not (yet) have sorts last.</summary>
    public static int Rank(string verdict) => Array.IndexOf(Order, verdict) is var i and >= 0 ? i : Order.Length;

    public static IEnumerable<StoredVerdict> Ordered(IEnumerable<StoredVerdict> verdicts) =>
        verdicts.OrderBy(v => Rank(v.Verdict)).ThenBy(v => v.Recipe, StringComparer.Ordinal);
}
