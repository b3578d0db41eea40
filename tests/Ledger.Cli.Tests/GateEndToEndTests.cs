using System.Globalization;
using System.Text.Json;
using LiteDB;

namespace Ledger.Cli.Tests;

/// <summary>
/// The gate as CI runs it: the installed `ledger` on a real ledger file, fed synthetic logs with known truth (five
/// seeds per recipe of R(C) = R0 + (A - R0) / (1 + (C_mid / C)^B), 20 points through the inflection). Two commits on
/// main pass; a branch whose recipe lost 0.1 of A fails, naming the recipe, its run log, A, the baseline and the
/// tolerance; an allow-list entry accepts it until it expires; verify reproduces every fit until one is altered on disk.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class GateEndToEndTests(InstalledTool tool) : IDisposable
{
    private const string Regressing = "grpo-b512";
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-gate-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Fact]
    public void Main_passes_a_regressed_branch_fails_an_allow_list_entry_accepts_it_until_it_expires_and_verify_catches_an_altered_fit()
    {
        WriteBuild("c1", grpoA: 0.80, seed: 100);
        WriteBuild("c2", grpoA: 0.80, seed: 200);
        WriteBuild("f1", grpoA: 0.70, seed: 300);

        var first = Check("c1", "main");
        var second = Check("c2", "main");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 new", first.Stdout);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("against main@c1", second.Stdout);
        Assert.Contains("passed: 2 pass", second.Stdout);

        // The branch: A of grpo-b512 fell by 0.1.
        var regressed = Check("f1", "feature");
        Assert.Equal(1, regressed.ExitCode);
        Assert.Contains("gate feature@f1 against main@c2; tolerance 0.02", regressed.Stdout);
        Assert.Matches($@"{Regressing}\s+regressed", regressed.Stdout);
        Assert.Contains("FAILED: 1 pass, 1 regressed", regressed.Stdout);
        var error = Assert.Single(regressed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("LEDGER201"));
        Assert.Matches($@"^f1/{Regressing}/seed\d\.csv : error LEDGER201: recipe '{Regressing}' asymptote A = 0\.6\d* \[.*\] fell 0\.\d+ below baseline 0\.[78]\d* \(main@c2\), tolerance 0\.02$", error);

        // GitHub: the annotation names the run log; the Markdown goes to the step summary.
        var summary = Path.Combine(_work, "summary.md");
        var github = tool.RunWith(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary }, _work,
            "gate", "--db", Db, "--commit", "f1", "--branch", "feature", "--format", "github");
        Assert.Equal(1, github.ExitCode);
        Assert.Matches($@"(?m)^::error file=f1/{Regressing}/seed\d\.csv,title=LEDGER201::LEDGER201: recipe '{Regressing}' asymptote A = ", github.Stdout);
        Assert.Contains(Regressing, File.ReadAllText(summary));
        Assert.Contains("main@c2", File.ReadAllText(summary));

        // JSON: the verdict, A, the baseline and the tolerance, as scripts read them.
        var json = JsonDocument.Parse(Gate("--format", "json").Stdout).RootElement;
        Assert.Equal(("ledger.gate/1", "main@c2", 0.02, true), (json.GetProperty("schema").GetString(), json.GetProperty("baseline").GetString(),
            json.GetProperty("tolerance").GetDouble(), json.GetProperty("failed").GetBoolean()));
        var recipe = json.GetProperty("recipes").EnumerateArray().Single(r => r.GetProperty("recipe").GetString() == Regressing);
        Assert.Equal("regressed", recipe.GetProperty("verdict").GetString());
        Assert.InRange(recipe.GetProperty("delta_a").GetDouble(), -0.13, -0.07);

        // An allow-list entry that expires tomorrow accepts the regression; one that expired yesterday no longer does.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        WriteAllowList(today.AddDays(1));
        var allowed = Check("f1", "feature");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Matches($@"{Regressing}\s+allowed", allowed.Stdout);
        Assert.Contains("0 refitted, 2 reused", allowed.Stdout);
        WriteAllowList(today.AddDays(-1));
        var expired = Check("f1", "feature");
        Assert.Equal(1, expired.ExitCode);
        Assert.Contains("expired", expired.Stdout);

        // A second fit with nothing changed refits nothing.
        var refit = JsonDocument.Parse(tool.Run(_work, "fit", "--db", Db, "--commit", "f1", "--branch", "feature", "--format", "json").Stdout).RootElement;
        Assert.Equal((0, 2, 0), (refit.GetProperty("refitted").GetInt32(), refit.GetProperty("reused").GetInt32(), refit.GetProperty("recorded").GetInt32()));

        // Verify reproduces every stored fit, then finds the one whose A was altered on disk.
        var verified = tool.Run(_work, "verify", "--db", Db);
        Assert.Equal((0, ""), (verified.ExitCode, verified.Stderr));
        Assert.Contains("verified: all 6 stored fits reproduce bit for bit", verified.Stdout);
        AlterStoredA(Regressing, "feature");
        var damaged = tool.Run(_work, "verify", "--db", Db);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains($"snapshot 3 (feature@f1) recipe '{Regressing}' (sigmoid4): A.value differ from the refit", damaged.Stdout);
        Assert.Contains("FAILED: 1 of 6 stored fits do not reproduce", damaged.Stdout);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private ToolRun Check(string commit, string branch) =>
        tool.Run(_work, "check", commit, "--db", Db, "--commit", commit, "--branch", branch);

    private ToolRun Gate(params string[] options) =>
        tool.Run(_work, ["gate", "--db", Db, "--commit", "f1", "--branch", "feature", .. options]);

    /// <summary>A build's logs in folder <paramref name="commit"/>: recipes grpo-b512 (ceiling <paramref name="grpoA"/>) and ppo (0.7), five seeds each.</summary>
    private void WriteBuild(string commit, double grpoA, int seed)
    {
        for (var s = 0; s < 5; s++)
        {
            WriteSigmoid(Path.Combine(_work, commit, Regressing, $"seed{s}.csv"), seed + s, grpoA);
            WriteSigmoid(Path.Combine(_work, commit, "ppo", $"seed{s}.csv"), seed + 50 + s, 0.7);
        }
    }

    /// <summary>R0 = 0.05, B = 1.5, C_mid = 5000; 20 points from 500 to 5e4 GPU-hours; Gaussian noise of sd 0.005 from the seed.</summary>
    private static void WriteSigmoid(string path, int seed, double a)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        var lines = Enumerable.Range(0, 20).Select(i =>
        {
            var c = 500 * Math.Pow(100, i / 19.0);
            var truth = 0.05 + (a - 0.05) / (1 + Math.Pow(5000 / c, 1.5));
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return string.Create(CultureInfo.InvariantCulture, $"{c:R},{truth + 0.005 * gaussian:R}");
        });
        File.WriteAllLines(path, ["compute,reward", .. lines]);
    }

    private void WriteAllowList(DateOnly expires) => File.WriteAllText(Path.Combine(_work, "ledger.allow.json"),
        $$"""{ "allow": [ { "recipe": "{{Regressing}}", "reason": "the smaller batch trades A for speed", "expires": "{{expires:yyyy-MM-dd}}" } ] }""");

    /// <summary>Adds one part in 10^12 to the stored A of a recipe's fit on a branch, in the file itself, as a damaged disk or a hand edit would.</summary>
    private void AlterStoredA(string recipe, string branch)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = Db, Connection = ConnectionType.Shared });
        var snapshot = db.GetCollection("snapshots").FindAll().Single(s => s["branch"].AsString == branch);
        var fits = db.GetCollection("fits");
        var fit = fits.FindAll().Single(f => f["recipe"].AsString == recipe && f["snapshotId"].AsInt64 == snapshot["_id"].AsInt64);
        var a = fit["parameters"].AsArray.Single(p => p["name"].AsString == "A");
        a["value"] = a["value"].AsDouble * (1 + 1e-12);
        fits.Update(fit);
    }
}
