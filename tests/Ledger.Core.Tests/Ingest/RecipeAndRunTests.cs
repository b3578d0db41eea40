using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

public class RecipeAndRunTests
{
    [Fact]
    public void Recipe_is_the_folder_name_and_run_the_file_name_by_default()
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.Combine("grpo-baseline", "seed-42.csv"), "compute,reward\n1,0.5\n");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal(("grpo-baseline", "seed-42", path), (run.Recipe, run.RunName, run.SourcePath));
    }

    [Fact]
    public void A_recipe_column_names_each_row_s_recipe()
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.Combine("sweep", "all.csv"), "recipe,compute,reward\nppo,1,0.1\ngrpo,1,0.2\nppo,2,0.3\n");

        var runs = RunLogReader.Read(path, new ReadOptions());

        Assert.Equal([("ppo", "all", 2), ("grpo", "all", 1)], runs.Select(r => (r.Recipe, r.RunName, r.Points.Count)));
    }

    [Fact]
    public void The_Recipe_option_overrides_the_column_and_the_folder()
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.Combine("sweep", "all.csv"), "recipe,compute,reward\nppo,1,0.1\ngrpo,2,0.2\n");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions { Recipe = "candidate" }));

        Assert.Equal(("candidate", 2), (run.Recipe, run.Points.Count));
    }

    [Fact]
    public void A_run_column_splits_one_file_into_runs_in_order_of_first_appearance()
    {
        using var temp = new TempFolder();
        var text = "seed,compute,reward\n7,0,0.1\n3,0,0.1\n7,5,0.2\n3,5,0.3\n,9,0.9\n";
        var path = temp.Write(Path.Combine("ppo", "seeds.csv"), text);

        var runs = RunLogReader.Read(path, new ReadOptions { RunColumn = "seed" });

        Assert.Equal(["7", "3", "seeds"], runs.Select(r => r.RunName));
        Assert.Equal([new CurvePoint(0, 0.1), new CurvePoint(5, 0.3)], runs[1].Points);
        Assert.All(runs, r => Assert.Equal("ppo", r.Recipe));
    }
}
