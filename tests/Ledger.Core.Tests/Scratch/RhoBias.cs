using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class RhoBias(ITestOutputHelper output)
{
    [Fact]
    public void Measure()
    {
        foreach (var points in new[] { 20, 30, 60, 120 })
        {
            var rhos = new List<double>();
            for (var d = 0; d < 300; d++)
            {
                var data = FitData.FromRuns(new RecipeSimulation(100 + d).Runs("r", 0.7, 1, points: points, seedSpread: 0));
                var model = CurveModel.For(new FitOptions());
                var lo = Math.Log(data.Compute.Min()); var hi = Math.Log(data.Compute.Max());
                var problem = model.Problem(SearchBox.Sigmoid(lo, hi));
                var ps = PointSet.Collapse(data);
                var fit = GridStart.Fit(new VarProSolver(ps.Count), problem, ps);
                double lagged = 0, sq = 0, prev = 0;
                for (var i = 0; i < ps.Count; i++) { var r = ps.Y[i] - CurveEvaluation.AtLogCompute(problem, fit, ps.LogCompute[i]); sq += r * r; if (i > 0) lagged += r * prev; prev = r; }
                rhos.Add(lagged / sq);
            }
            output.WriteLine($"{points}: mean raw rho {rhos.Average():F3}  (true 0.5); needed bias {(0.5 - rhos.Average()) * points:F2}/n");
        }
    }
}
