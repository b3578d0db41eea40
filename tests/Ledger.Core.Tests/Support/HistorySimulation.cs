using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Tests.Support;

/// <summary>
/// Simulated histories of a recipe along a branch with known truth: at every commit fresh seeds are run at that commit's
/// true A (<see cref="RecipeSimulation"/>: a seed-to-seed spread of A of 0.01, AR(1) evaluation noise, 20 points through
/// the bend) and fitted as the ledger fits them; the seed prior is pooled over the history's fits, as `ledger changes`
/// pools it over the fits it reads. The truth is known, so every change found can be scored.
/// </summary>
public static class HistorySimulation
{
    public const int Points = 20;

    /// <summary>
    /// The commit of position <paramref name="i"/>: 40 hex digits, as git writes them, whose first 8 differ from position to
    /// position (Knuth's multiplicative hash), so an acknowledgement can name one by its 7, as `git rev-parse --short` does.
    /// </summary>
    public static string Commit(int i) => $"{(uint)((i + 1) * 2654435761L):x8}{i:x8}".PadRight(40, 'c');

    /// <summary>The position of a commit <see cref="Commit"/> made.</summary>
    public static int Position(string commit) => Convert.ToInt32(commit[8..16], 16);

    /// <summary>Each commit's fit of <paramref name="seeds"/> fresh seeds at A = <paramref name="truth"/>(commit).</summary>
    public static IReadOnlyList<CurveFit> Fits(int seed, Func<int, double> truth, int commits, int seeds = 3, string recipe = "recipe")
    {
        var simulation = new RecipeSimulation(seed);
        return Enumerable.Range(0, commits)
            .Select(i => RecipeFits.Fit(simulation.Runs(recipe, truth(i), seeds, points: Points), GateSimulation.Fit).Single().Fit)
            .ToList();
    }

    public static AsymptoteSeries Series(IReadOnlyList<CurveFit> fits, double? seedSd = null, string recipe = "recipe") =>
        AsymptoteSeries.From(recipe, Enumerable.Range(0, fits.Count).Select(Commit).ToList(), fits, SeedPriors.From(fits, seedSd));

    public static AsymptoteSeries Series(int seed, Func<int, double> truth, int commits, int seeds = 3, double? seedSd = null) =>
        Series(Fits(seed, truth, commits, seeds), seedSd);

    /// <summary><paramref name="count"/> histories from seeds <paramref name="firstSeed"/> on, simulated side by side.</summary>
    public static IReadOnlyList<T> Many<T>(int count, int firstSeed, Func<int, T> history)
    {
        var results = new T[count];
        Parallel.For(0, count, i => results[i] = history(firstSeed + i));
        return results;
    }
}
