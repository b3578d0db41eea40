using Ledger.Core.Diagnostics;
using Ledger.Core.Provenance;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>Which snapshot a verb works on: the build's own (its commit and branch), or the latest of a branch.</summary>
public static class BuildSnapshots
{
    /// <exception cref="LedgerInputException">LEDGER123: nothing was appended under this commit and branch.</exception>
    public static Snapshot Current(ILedgerStore store, BuildProvenance build)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(build);
        return store.GetSnapshots(build.Branch, build.Commit).LastOrDefault()
            ?? throw new LedgerInputException(ErrorCodes.NoSnapshot, SourceLocation.WholeFile("--commit"),
                $"no snapshot for commit '{build.Commit}' on branch '{build.Branch}' in the ledger",
                "run logs appended under that commit and branch first (ledger append), or --commit and --branch naming a build the ledger holds");
    }

    /// <summary>The newest snapshot of <paramref name="branch"/> that holds <paramref name="recipe"/> (any recipe when null).</summary>
    /// <exception cref="LedgerInputException">LEDGER123: no such snapshot.</exception>
    public static Snapshot Latest(ILedgerStore store, string branch, string? recipe)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetSnapshots(branch).LastOrDefault(s => recipe is null || s.Recipes.ContainsKey(recipe))
            ?? throw new LedgerInputException(ErrorCodes.NoSnapshot, SourceLocation.WholeFile("--branch"),
                recipe is null ? $"no snapshot of branch '{branch}' in the ledger" : $"no snapshot of branch '{branch}' holding recipe '{recipe}'",
                "a branch (and recipe) with runs appended to the ledger");
    }
}
