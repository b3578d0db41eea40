using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>The one line `ledger fit` prints on success.</summary>
public static class FitText
{
    /// <example>fitted snapshot 3 (main@3f2a1c9): 12 recipes, 2 refitted, 10 reused from the ledger</example>
    public static string Write(FitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var recipes = outcome.Fits.Count == 1 ? "1 recipe" : $"{outcome.Fits.Count} recipes";
        return $"fitted snapshot {outcome.Snapshot.Id} ({AppendText.Build(outcome.Snapshot.Branch, outcome.Snapshot.Commit)}): " +
               $"{recipes}, {outcome.Refitted} refitted, {outcome.Reused} reused from the ledger\n";
    }
}
