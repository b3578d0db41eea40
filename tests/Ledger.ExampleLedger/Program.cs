using System.Globalization;
using Ledger.ExampleLedger;

// Usage: Ledger.ExampleLedger <output folder>
// Writes <output>/NN/<recipe>/seed<k>.csv for every build of the scenario, <output>/NN/ledger.allow.json where the
// build gates with an allow-list, and <output>/plan.tsv: one line per build, "NN<TAB>commit<TAB>branch".
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Ledger.ExampleLedger <output folder>");
    return 2;
}
var output = Directory.CreateDirectory(args[0]).FullName;
var plan = new List<string>();
var random = new Random(20261123);
const int Seeds = 3;
const int Points = 16;
foreach (var (build, index) in Scenario.Builds().Select((b, i) => (b, i + 1)))
{
    var folder = Path.Combine(output, index.ToString("D2", CultureInfo.InvariantCulture));
    foreach (var truth in build.Recipes)
    {
        var recipeFolder = Directory.CreateDirectory(Path.Combine(folder, truth.Recipe)).FullName;
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var a = truth.A + 0.005 * Gaussian(random);
            var lines = Enumerable.Range(0, Points).Select(i =>
            {
                var compute = 250 * Math.Pow(truth.MaxCompute / 250, i / (Points - 1.0));
                var reward = 0.05 + (a - 0.05) / (1 + Math.Pow(truth.CMid / compute, truth.B)) + truth.Noise * Gaussian(random);
                return string.Create(CultureInfo.InvariantCulture, $"{compute:F1},{reward:F4}");
            });
            File.WriteAllLines(Path.Combine(recipeFolder, $"seed{seed}.csv"), ["compute,reward", .. lines]);
        }
    }
    if (build.AllowList is { } allow)
    {
        File.WriteAllText(Path.Combine(folder, "ledger.allow.json"), allow);
    }
    plan.Add($"{index:D2}\t{build.Commit}\t{build.Branch}");
}
File.WriteAllLines(Path.Combine(output, "plan.tsv"), plan);
Console.WriteLine($"wrote {plan.Count} builds of synthetic run logs to {output}");
return 0;

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
