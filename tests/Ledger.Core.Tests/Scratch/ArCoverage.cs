using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class ArCoverage(ITestOutputHelper output)
{
    [Fact]
    public void Own()
    {
        foreach (var points in new[] { 20, 30, 60, 120 })
        {
            int wald = 0, profile = 0, n = 0; var infl = new List<double>();
            for (var d = 0; d < 400; d++)
            {
                var fit = RecipeFits.Fit(new RecipeSimulation(100 + d).Runs("r", 0.7, 1, points: points, seedSpread: 0), new FitOptions { BootstrapResamples = 0 }).Single().Fit;
                if (fit.Parameters.Count == 0) continue;
                n++; infl.Add(fit.AutocorrelationInflation);
                wald += fit.Parameter("A")!.Interval.Contains(0.7) ? 1 : 0;
                profile += fit.ProfileInterval.Contains(0.7) ? 1 : 0;
            }
            output.WriteLine($"{points} pts: wald {(double)wald / n:P1}, profile {(double)profile / n:P1}, mean inflation {infl.Average():F2}");
        }
    }
}
