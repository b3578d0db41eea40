using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Core.Tests.Scratch;

public class CrashExperiment(ITestOutputHelper output)
{
    [Fact]
    public void Crash()
    {
        foreach (var k in new[] { 1, 3 })
        {
            var statuses = new Dictionary<string, int>();
            var verdicts = new Dictionary<string, int>();
            for (var i = 0; i < 50; i++)
            {
                var sim = new RecipeSimulation(300 + i);
                var baseRuns = sim.Runs("r", 0.7, k, points: 30);
                var nowRuns = sim.Runs("r", 0.7, k, points: 30).ToList();
                var last = nowRuns[0];
                var pts = last.Points.ToList(); pts[^1] = pts[^1] with { Reward = 0 };
                nowRuns[0] = last with { Points = pts };
                var b = RecipeFits.Fit(baseRuns, GateSimulation.Fit).Single().Fit;
                var n = RecipeFits.Fit(nowRuns, GateSimulation.Fit).Single().Fit;
                var key = n.Status + (n.Reason is { } r ? ": " + r[..Math.Min(50, r.Length)] : "");
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                var v = GateRule.Decide([new GateInput("r", n, b, []) { CurrentRuns = nowRuns.Select(x => x.Points).ToList(), BaselineRuns = baseRuns.Select(x => x.Points).ToList() }],
                    new GateOptions(), AllowList.Empty, "c", new DateOnly(2026, 12, 3), SeedPriors.From([], 0.0115)).Single();
                verdicts[v.Verdict.Name()] = verdicts.GetValueOrDefault(v.Verdict.Name()) + 1;
            }
            output.WriteLine($"k={k}: fits {string.Join("; ", statuses.Select(kv => $"{kv.Value} x {kv.Key}"))}");
            output.WriteLine($"k={k}: verdicts {string.Join("; ", verdicts.Select(kv => $"{kv.Value} x {kv.Key}"))}");
        }
    }
}
