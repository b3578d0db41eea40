using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class Experiments(ITestOutputHelper output)
{
    private static IReadOnlyList<RunLog> Runs(Func<double, double> truth, double[] compute, int seeds, double seedSd, double noise, double rho, int seed, Func<double, double, double>? shift = null)
    {
        var random = new Xoshiro256StarStar(seed, false);
        var normal = new Normal(0, 1, random);
        var runs = new List<RunLog>();
        for (var s = 0; s < seeds; s++)
        {
            var da = seedSd * normal.Sample();
            var e = 0.0;
            var pts = new List<CurvePoint>();
            foreach (var c in compute)
            {
                e = rho * e + Math.Sqrt(1 - rho * rho) * noise * normal.Sample();
                var y = truth(c);
                pts.Add(new CurvePoint(c, y + da * (y / truth(1e12)) + e));
            }
            runs.Add(new RunLog("r", $"s{s}", $"r/s{s}.csv", "csv", ComputeMapping.FromColumn("compute"), "reward", pts, []));
        }
        return runs;
    }

    private void Rates(string name, Func<double, double> truth, double[] compute, int seeds, int draws, double noise = 0.006, double rho = 0.5, double seedSd = 0.01)
    {
        var counts = new Dictionary<string, int>();
        var aList = new List<double>();
        var alts = new List<double>();
        for (var d = 1; d <= draws; d++)
        {
            var fit = CurveFitter.Fit("r", FitData.FromRuns(Runs(truth, compute, seeds, seedSd, noise, rho, d)), new FitOptions { BootstrapResamples = 200 });
            var key = fit.Status.ToString() + (fit.Status == FitStatus.Unidentified ? ":" + fit.Reason![..Math.Min(25, fit.Reason!.Length)] : "");
            counts[key] = counts.GetValueOrDefault(key) + 1;
            aList.Add(fit.Parameter("A")?.Value ?? double.NaN);
            if (fit.Alternative is { } a && fit.ProfileInterval.IsKnown) { var aa = a.Asymptote; var p = fit.ProfileInterval; alts.Add(aa > p.Upper ? aa - p.Upper : aa < p.Lower ? p.Lower - aa : 0); }
        }
        output.WriteLine($"{name}: {string.Join(", ", counts.Select(kv => $"{kv.Key}={kv.Value}"))}; mean A {aList.Where(double.IsFinite).Average():F4}; beyond>0.02: {alts.Count(x => x > 0.02)} of {alts.Count}; beyond p50 {(alts.Count>0? alts.Select(Math.Abs).Order().ElementAt(alts.Count/2):0):F4} max {(alts.Count>0?alts.Select(Math.Abs).Max():0):F4}");
    }

    [Fact]
    public void Calibrate()
    {
        var scaleRl = new SigmoidTruth(0.05, 0.8, 1.5, 2500);
        Rates("scalerl window 1.5k-50k, 30 pts, 1 seed", scaleRl.At, SigmoidTruth.LogSpaced(1500, 50000, 30), 1, 200);
        Rates("scalerl window 1.5k-50k, 30 pts, 3 seeds", scaleRl.At, SigmoidTruth.LogSpaced(1500, 50000, 30), 3, 200);
        var sim = new SigmoidTruth(0.05, 0.75, 1.5, 2000);
        Rates("OC sim 200-30000 20 pts 1 seed", sim.At, SigmoidTruth.LogSpaced(200, 30000, 20), 1, 200);
        Rates("OC sim 200-30000 20 pts 3 seeds", sim.At, SigmoidTruth.LogSpaced(200, 30000, 20), 3, 200);
        Rates("OC sim 200-30000 40 pts 5 seeds", sim.At, SigmoidTruth.LogSpaced(200, 30000, 40), 5, 100);
        // hyperbolic in log compute: x = ln(1 + C / 100), R = R0 + (A - R0) x / (x + 1): 75 % at x = 3.
        Func<double, double> hyper = c => { var x = Math.Log(1 + c / 100); return 0.05 + 0.75 * x / (x + 1); };
        Rates("hyperbolic to 75%, 30 pts 1 seed", c => c > 1e11 ? 0.8 : hyper(c), SigmoidTruth.LogSpaced(5, 100 * (Math.Exp(3) - 1), 30), 1, 100);
        Rates("hyperbolic to 75%, 30 pts 3 seeds", c => c > 1e11 ? 0.8 : hyper(c), SigmoidTruth.LogSpaced(5, 100 * (Math.Exp(3) - 1), 30), 3, 100);
        var reference = new SigmoidTruth(0, 0.8, 1.5, 5000);
        Rates("reference 8 pts", reference.At, [500, 1000, 2000, 4000, 7000, 12000, 20000, 30000], 1, 100, noise: 0.008, rho: 0, seedSd: 0);
    }
}
