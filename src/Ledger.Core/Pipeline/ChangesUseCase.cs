using Ledger.Core.Changes;
using Ledger.Core.Diagnostics;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>`ledger changes`: which branch, recipe and stretch of history, read with which fit options and seed prior.</summary>
/// <param name="Branch">The branch to read; null for <see cref="Baselines.DefaultBranch"/>, whose snapshots the gate compares with.</param>
/// <param name="Recipe">Only this recipe; every recipe when null.</param>
/// <param name="Since">A commit (or its prefix) of the branch: history before it is not read; null for all of it.</param>
/// <param name="Fit">The options the stored fits were made with (only those fits are read); its tolerance is the changes' margin.</param>
/// <param name="AllowList">Its acknowledged changes are not reported again.</param>
public sealed record ChangesRequest(string? Branch, string? Recipe, string? Since, FitOptions Fit, double? SeedSd, AllowList AllowList);

/// <summary>What `ledger changes` found: the branch, its snapshots read, each recipe's history, and the changes to report, oldest first by recipe.</summary>
public sealed record ChangesOutcome(string Branch, BranchHistory History, IReadOnlyList<RecipeChanges> Recipes, ChangeRule Rule)
{
    public double Tolerance => Rule.Tolerance;
    public double Alpha => Rule.Alpha;
    public double ConfidenceLevel => Rule.ConfidenceLevel;

    public IReadOnlyList<DetectedChange> Changes { get; } = Recipes.SelectMany(r => r.Changes).ToList();
}

/// <summary>
/// `ledger changes`: the commits where each recipe's A stepped or drifted along a branch (README.md, "ledger changes"). Reads
/// the stored fits only (<see cref="BranchAsymptotes"/>) and never writes.
/// </summary>
public static class ChangesUseCase
{
    /// <exception cref="LedgerInputException">LEDGER123 no snapshot of the branch (holding the recipe); LEDGER124 --since names no commit of the branch.</exception>
    public static ChangesOutcome Run(ChangesRequest request, ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        var branch = request.Branch ?? Baselines.DefaultBranch;
        var snapshots = store.GetSnapshotRunSets(branch);
        if (!snapshots.Any(s => request.Recipe is null || s.Recipes.ContainsKey(request.Recipe)))
            BuildSnapshots.Latest(store, branch, request.Recipe); // throws LEDGER123 naming what is missing
        if (request.Since is { } since)
            snapshots = snapshots.Skip(Baselines.IndexOfCommit(snapshots.Select(s => s.Commit).ToList(), since, "--since", branch)).ToList();
        var history = BranchAsymptotes.Read(store, snapshots, request.Fit, request.Recipe is null ? null : recipe => recipe == request.Recipe, request.SeedSd);
        var rule = new ChangeRule(request.Fit.Tolerance, ConfidenceLevel: request.Fit.ConfidenceLevel);
        var acknowledgements = request.AllowList.Acknowledgements;
        var recipes = new RecipeChanges[history.Series.Count];
        Parallel.For(0, recipes.Length, i => recipes[i] = RecipeChanges.Of(history.Series[i], rule, acknowledgements));
        return new ChangesOutcome(branch, history, recipes, rule);
    }
}
