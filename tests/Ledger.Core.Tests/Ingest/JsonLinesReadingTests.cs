using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

public class JsonLinesReadingTests
{
    [Fact]
    public void Reads_one_object_per_line_and_ignores_blank_lines()
    {
        using var temp = new TempFolder();
        var text = "{\"compute\": 0, \"reward\": 0.1}\n\n{\"reward\": 0.25, \"compute\": 10.5}\r\n   \n";

        var run = Assert.Single(RunLogReader.Read(temp.Write("run.jsonl", text), new ReadOptions()));

        Assert.Equal([new CurvePoint(0, 0.1), new CurvePoint(10.5, 0.25)], run.Points);
        Assert.Equal("jsonl", run.Format);
    }

    [Fact]
    public void Reads_WandB_history_with_sparse_keys_nulls_and_nested_values()
    {
        using var temp = new TempFolder();
        var text = """
            {"_step": 0, "_runtime": 0, "_timestamp": 1.7e9, "eval/reward": 0.05, "media": {"type": "table"}}
            {"_step": 1, "_runtime": 1800, "train/loss": 1.9}
            {"_step": 2, "_runtime": 3600.5, "eval/reward": null}
            {"_step": 3, "_runtime": 5400, "eval/reward": 0.4, "tags": ["a", "b"]}
            """;
        var options = new ReadOptions { RewardColumn = "eval/reward", Gpus = 8 };

        var run = Assert.Single(RunLogReader.Read(temp.Write("history.ndjson", text), options));

        Assert.Equal(2, run.Points.Count);
        Assert.Equal((0.0, 0.05, 0.0), (run.Points[0].Compute, run.Points[0].Reward, run.Points[0].Step!.Value));
        Assert.Equal(12.0, run.Points[1].Compute, 1e-12);
        Assert.Equal((0.4, 3.0), (run.Points[1].Reward, run.Points[1].Step!.Value));
    }

    [Fact]
    public void Run_and_recipe_keys_may_be_strings_or_numbers()
    {
        using var temp = new TempFolder();
        var text = """
            {"recipe": "grpo", "run": 1, "compute": 1, "reward": 0.1}
            {"recipe": "grpo", "run": 2, "compute": 1, "reward": 0.2}
            {"recipe": "grpo", "run": 1, "compute": 2, "reward": 0.3}
            """;

        var runs = RunLogReader.Read(temp.Write("seeds.jsonl", text), new ReadOptions());

        Assert.Equal([("grpo", "1", 2), ("grpo", "2", 1)], runs.Select(r => (r.Recipe, r.RunName, r.Points.Count)));
    }
}
