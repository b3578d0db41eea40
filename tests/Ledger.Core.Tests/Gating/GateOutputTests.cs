using System.Text.Json;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;
using Ledger.Core.Reporting;

namespace Ledger.Core.Tests.Gating;

public class GateOutputTests
{
    private static readonly string Hostile = "<script>alert(1)</script>|`x`\n::error::";

    private static GateReport Report() => new("3f2a1c9e0b1d", "feature/x", "main@1a2b3c4", new GateOptions(),
    [
        new RecipeVerdict("grpo-b512", VerdictKind.Regressed, 0.612, new Interval(0.598, 0.626), 0.655, -0.043,
            new Interval(-0.06, -0.026), 1e-6, false, "a significant drop", null, false),
        new RecipeVerdict(Hostile, VerdictKind.Unidentified, null, Interval.None, null, null, Interval.None, null, true,
            "the points do not run past the inflection", null, false),
        new RecipeVerdict("ppo", VerdictKind.Pass, 0.7, new Interval(0.69, 0.71), 0.7, 0, new Interval(-0.01, 0.01), 0.5, false, "fine", null, false),
    ],
    new Dictionary<string, IReadOnlyList<string>> { ["grpo-b512"] = ["runs/grpo-b512/seed1.csv"], [Hostile] = ["runs/a,b:c.csv"] });

    [Fact]
    public void The_regression_line_reads_as_the_product_promises()
    {
        var v = Report().Verdicts[0];
        Assert.Equal("recipe 'grpo-b512' asymptote A = 0.612 [0.598, 0.626] fell 0.043 below baseline 0.655 (main@1a2b3c4), tolerance 0.02",
            GateMessages.Regression(v, "main@1a2b3c4", 0.02));
    }

    [Fact]
    public void Github_annotations_name_the_run_log_and_escape_what_the_runner_would_parse()
    {
        var lines = GateAnnotations.Write(Report()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("::error file=runs/grpo-b512/seed1.csv,title=LEDGER201::LEDGER201: recipe 'grpo-b512'", lines[0]);
        Assert.StartsWith("::warning file=runs/a%2Cb%3Ac.csv,title=LEDGER301::", lines[1]);
        Assert.DoesNotContain("\n::error::", string.Join("\n", lines.Skip(1)));
        Assert.Contains("%0A::error::", lines[1]);
        Assert.Contains("LEDGER302", lines[2]);
    }

    [Fact]
    public void Markdown_keeps_hostile_recipe_names_inside_their_cell()
    {
        var md = GateMarkdown.Write(Report());
        var row = md.Split('\n').Single(l => l.Contains("alert"));

        Assert.DoesNotContain("<script>", md);
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(row, @"(?<!\\)\|")); // six cells: seven unescaped pipes
        Assert.Contains("❌ failed", md);
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        using var json = JsonDocument.Parse(GateJson.Write(Report()));
        var root = json.RootElement;

        Assert.Equal("ledger.gate/1", root.GetProperty("schema").GetString());
        Assert.True(root.GetProperty("failed").GetBoolean());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("regressed").GetInt32());
        var first = root.GetProperty("recipes")[0];
        Assert.Equal(-0.043, first.GetProperty("delta_a").GetDouble());
        Assert.Equal("runs/grpo-b512/seed1.csv", first.GetProperty("sources")[0].GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("recipes")[1].GetProperty("a").ValueKind);
    }
}
