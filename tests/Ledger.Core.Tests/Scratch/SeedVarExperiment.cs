using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using MathNet.Numerics.Statistics;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class SeedVarExperiment(ITestOutputHelper output)
{
    [Fact]
    public void Seeds()
    {
        foreach (var k in new[] { 1, 2, 3, 5, 10 })
        {
            var reasons = new List<string>();
            var aHat = new List<double>(); var v = new List<double>(); var cover = 0; var n = 0;
            for (var i = 0; i < 400; i++)
            {
                var sim = new RecipeSimulation(100 + i);
                var fit = RecipeFits.Fit(sim.Runs("r", 0.7, k, points: 30), GateSimulation.Fit).Single().Fit;
                if (fit.Status != FitStatus.Ok) { if (i < 400) reasons.Add(fit.Status + ": " + fit.Reason![..Math.Min(60, fit.Reason!.Length)]); continue; }
                aHat.Add(fit.IdentifiedAsymptote!.Value);
                if (fit.Seeds is { } s) v.Add(s.Variance);
                var est = AsymptoteUncertainty.Of(fit, k == 1 ? SeedVariancePrior.Stated(0.0114) : null)!;
                n++; cover += est.Interval(0.95).Contains(0.7) ? 1 : 0;
            }
            foreach (var g in reasons.GroupBy(r => r[..Math.Min(40, r.Length)])) output.WriteLine($"   {g.Count()} x {g.Key}");
            output.WriteLine($"k={k}: n {n}, SD(Ahat) {aHat.StandardDeviation():F4} -> per-seed {aHat.StandardDeviation() * Math.Sqrt(k):F4}; mean seed var {(v.Count > 0 ? v.Mean() : double.NaN):E3} (sqrt {(v.Count > 0 ? Math.Sqrt(v.Mean()) : double.NaN):F4}); coverage {(double)cover / n:P1}");
        }
    }
}
