using Ledger.Core.Changes;
using Ledger.Core.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Changes;

/// <summary>
/// How large a step `ledger changes` sees (README.md's table): histories of 30 commits with a step at commit 15, 100 per
/// size, 3 seeds a commit (the prior pooled over the history's fits), and 1 seed a commit with --seed-sd 0.0115; the
/// share of histories in which a change is named within one commit of the step, and of histories of 100 commits without
/// one in which any change is named.
/// </summary>
public sealed class ChangeOperatingCharacteristicTests(ITestOutputHelper output)
{
    private const int Histories = 100;
    private static readonly double[] Steps = [0.02, 0.03, 0.04, 0.06];
    private static readonly ChangeRule Rule = new(Tolerance: 0.02);

    [Fact]
    public void A_step_of_the_tolerance_is_rarely_named_and_one_of_three_tolerances_nearly_always()
    {
        var rates = new Dictionary<(double Step, int Seeds), int>();
        foreach (var (step, s) in Steps.SelectMany(step => new[] { (step, 3), (step, 1) }))
        {
            var found = HistorySimulation.Many(Histories, 60_000 + (int)(step * 1000) * 10 + s, seed =>
                Changes(HistorySimulation.Series(HistorySimulation.Fits(seed, i => i < 15 ? 0.80 : 0.80 - step, 30, seeds: s), seedSd: s == 1 ? 0.0115 : null)));
            rates[(step, s)] = found.Count(c => c.Any(change => change.Delta < 0 && Math.Abs(HistorySimulation.Position(change.Commit) - 15) <= 1));
        }
        var longUnchanged = HistorySimulation.Many(Histories, 70_000, seed => Changes(HistorySimulation.Series(seed, _ => 0.78, 100)));
        var falseLong = longUnchanged.Count(c => c.Count > 0);

        output.WriteLine("| step down in A | 3 seeds a commit | 1 seed a commit (--seed-sd 0.0115) |");
        output.WriteLine("|---|---:|---:|");
        foreach (var step in Steps)
            output.WriteLine($"| {step} | {rates[(step, 3)]} % | {rates[(step, 1)]} % |");
        output.WriteLine($"unchanged histories of 100 commits (3 seeds) with a change named: {falseLong} of {Histories}");

        Assert.True(rates[(0.02, 3)] <= 5 && rates[(0.02, 1)] <= 5, $"a step of the tolerance named in {rates[(0.02, 3)]} / {rates[(0.02, 1)]} of 100");
        Assert.True(rates[(0.06, 3)] >= 95 && rates[(0.06, 1)] >= 90, $"a step of 0.06 named in {rates[(0.06, 3)]} / {rates[(0.06, 1)]} of 100");
        Assert.True(rates[(0.04, 3)] >= rates[(0.03, 3)] && rates[(0.06, 3)] >= rates[(0.04, 3)], "the rate grows with the step");
        Assert.True(falseLong <= 1, $"{falseLong} of {Histories} unchanged 100-commit histories named a change");
    }

    private static IReadOnlyList<DetectedChange> Changes(AsymptoteSeries series) => RecipeChanges.Of(series, Rule, []).Changes.ToList();
}
