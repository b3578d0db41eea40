using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class PrecisePrior(ITestOutputHelper output)
{
    [Fact]
    public void Show()
    {
        for (var build = 0; build < 10; build++)
        {
            var simulation = new RecipeSimulation(8000 + build);
            var runs = Enumerable.Range(0, 7).SelectMany(i => simulation.Runs($"noisy{i}", 0.7, 3, points: 30, seedSpread: 0.02).Concat(simulation.Runs($"noisy{i}", 0.7, 3, points: 30, seedSpread: 0.02))).ToList();
            var precise = simulation.Runs("precise", 0.75, 10, points: 30, seedSpread: 0.003);
            var fits = RecipeFits.Fit(runs, GateSimulation.Fit).Select(f => f.Fit).Concat(RecipeFits.Fit(precise, GateSimulation.Fit).Select(f => f.Fit)).ToList();
            var prior = SeedPriors.From(fits, null).For("reward");
            var p = fits.Last();
            output.WriteLine($"prior s0 {Math.Sqrt(prior!.Variance):F4} d0 {prior.DegreesOfFreedom:F1}; precise own sd {Math.Sqrt(p.Seeds!.Variance):F4}; moderated sd {Math.Sqrt(prior.Moderate(p.Seeds).Variance):F4}");
        }
    }
}
