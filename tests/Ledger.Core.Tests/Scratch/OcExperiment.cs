using Ledger.Core.Gating;
using Ledger.Core.Tests.Support;
using MathNet.Numerics.Statistics;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class OcExperiment(ITestOutputHelper output)
{
    private static readonly int[] SeedCounts = [1, 2, 3, 5];

    [Fact]
    public void Table()
    {
        var builds = int.Parse(Environment.GetEnvironmentVariable("OC_BUILDS") ?? "60");
        var alpha = double.Parse(Environment.GetEnvironmentVariable("OC_ALPHA") ?? "0.05", System.Globalization.CultureInfo.InvariantCulture);
        var options = new GateOptions { Alpha = alpha };
        const double tol = 0.02;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        // phase 1: unchanged builds
        var null0 = Enumerable.Range(1, builds).SelectMany(b => GateSimulation.Gate(b, Recipes(_ => 0), options)).ToList();
        var se = SeedCounts.ToDictionary(k => k, k => null0.Where(s => s.Recipe.Seeds == k && s.Verdict.DeltaA is not null).Select(s => s.Verdict.DeltaA!.Value).StandardDeviation());
        var gateSe = SeedCounts.ToDictionary(k => k, k => null0.Where(s => s.Recipe.Seeds == k && s.Verdict.StandardError is not null && s.Verdict.DeltaA is not null).Select(s => s.Verdict.StandardError!.Value).Mean());
        output.WriteLine($"phase1 {sw.Elapsed.TotalSeconds:F1}s; SE true: {string.Join(", ", SeedCounts.Select(k => $"{k}:{se[k]:F4}"))}; gate SE mean: {string.Join(", ", SeedCounts.Select(k => $"{k}:{gateSe[k]:F4}"))}");
        var levels = new (string Name, Func<int, double> Drop)[]
        {
            ("0", _ => 0), ("tol/2", _ => tol / 2), ("tol", _ => tol), ("tol+1SE", k => tol + se[k]), ("tol+2SE", k => tol + 2 * se[k]), ("tol+3SE", k => tol + 3 * se[k]), ("0.06", _ => 0.06),
        };
        var unchanged = new List<GateSimulation.Scored>();
        foreach (var (level, index) in levels.Select((l, i) => (l, i)))
        {
            var scored = Enumerable.Range(1000 * (index + 1), builds).SelectMany(b => GateSimulation.Gate(b, Recipes(level.Drop), options)).ToList();
            unchanged.AddRange(scored.Where(s => s.Recipe.Drop == 0 && s.Recipe.Name.EndsWith("-b")));
            var row = SeedCounts.Select(k =>
            {
                var mine = scored.Where(s => s.Recipe.Seeds == k && s.Recipe.Name.EndsWith("-a")).ToList();
                var flagged = mine.Count(s => s.Verdict.Verdict == VerdictKind.Regressed);
                var other = mine.GroupBy(s => s.Verdict.Verdict).Where(g => g.Key != VerdictKind.Regressed && g.Key != VerdictKind.Pass).Select(g => $"{g.Key.Name()[..3]}{g.Count()}");
                return $"{k}s: {flagged}/{mine.Count} ({string.Join(" ", other)})";
            });
            output.WriteLine($"{level.Name,-8} {string.Join(" | ", row)}   [{sw.Elapsed.TotalSeconds:F0}s]");
        }
        foreach (var k in SeedCounts)
        {
            var mine = unchanged.Concat(null0).Where(s => s.Recipe.Seeds == k).ToList();
            output.WriteLine($"unchanged {k} seeds: regressed {mine.Count(s => s.Verdict.Verdict == VerdictKind.Regressed)}/{mine.Count}, " +
                             string.Join(", ", mine.GroupBy(s => s.Verdict.Verdict).Select(g => $"{g.Key.Name()} {g.Count()}")));
        }
        // broken training
        var broken = Enumerable.Range(5000, builds).Select(b => GateSimulation.Gate(b, SeedCounts.Select(k => new GateSimulation.Recipe($"broken{k}", k, 0, Broken: true))
            .Concat(SeedCounts.Select(k => new GateSimulation.Recipe($"k{k}-b", k, 0))).ToList(), options)).ToList();
        foreach (var k in SeedCounts)
        {
            var v = broken.Select(b => b.Single(s => s.Recipe.Name == $"broken{k}").Verdict.Verdict).ToList();
            output.WriteLine($"broken {k} seeds: {string.Join(", ", v.GroupBy(x => x).Select(g => $"{g.Key.Name()} {g.Count()}"))}");
        }
        output.WriteLine($"total {sw.Elapsed.TotalSeconds:F0}s");
    }

    private static List<GateSimulation.Recipe> Recipes(Func<int, double> drop) =>
        SeedCounts.SelectMany(k => new[] { new GateSimulation.Recipe($"k{k}-a", k, drop(k)), new GateSimulation.Recipe($"k{k}-b", k, 0) }).ToList();
}
