using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>TensorBoard's scalar CSV download: Wall time, Step, Value; run and tag in the file name.</summary>
public class TensorBoardScalarsTests
{
    private static readonly string Download = ExportSamples.Get("run-grpo_seed1-tag-eval_reward.csv");

    [Fact]
    public void Run_and_metric_come_from_the_file_name_and_compute_from_steps()
    {
        var run = Assert.Single(RunLogReader.Read(Download, new ReadOptions { GpuHoursPerStep = 0.25 }));

        Assert.Equal(("grpo_seed1", "eval_reward", "tensorboard", "Exports"), (run.RunName, run.RewardColumn, run.Format, run.Recipe));
        Assert.Equal(new CurvePoint(0, 0.39100000262260437, 0), run.Points[0]);
        Assert.Equal(new CurvePoint(100, 0.5609999895095825, 400), run.Points[^1]);
    }

    [Fact]
    public void With_GPUs_compute_is_wall_time_since_the_first_row()
    {
        var run = Assert.Single(RunLogReader.Read(Download, new ReadOptions { Gpus = 4 }));

        Assert.Equal(0, run.Points[0].Compute);
        Assert.Equal(4 * 900.25 * 4 / 3600, run.Points[^1].Compute, 9);
        Assert.Equal("column 'Wall time' less its first value (seconds) x 4 GPUs / 3600", run.Compute.Describe());
    }

    [Fact]
    public void A_RewardColumn_that_is_not_the_file_s_tag_is_refused()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(Download, new ReadOptions { GpuHoursPerStep = 1, RewardColumn = "train/loss" }));

        Assert.Equal(ErrorCodes.MissingColumn, error.Code);
        Assert.Equal("the TensorBoard tag 'eval_reward' in the file name", error.Found);
    }

    [Fact]
    public void A_RewardColumn_with_slashes_matches_the_tag_TensorBoard_wrote_with_underscores()
    {
        var run = Assert.Single(RunLogReader.Read(Download, new ReadOptions { GpuHoursPerStep = 1, RewardColumn = "eval/reward" }));

        Assert.Equal(5, run.Points.Count);
    }

    [Fact]
    public void Without_a_mapping_the_error_names_both_ways()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(Download, new ReadOptions()));

        Assert.Equal((ErrorCodes.NoComputeMapping, 1, 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Equal("GpuHoursPerStep (to use column 'Step'); or Gpus (to use column 'Wall time', in seconds since the first row)", error.Expected);
    }

    [Fact]
    public void A_wall_time_before_the_first_row_is_reported_as_written()
    {
        using var temp = new TempFolder();
        var path = temp.Write("run-a-tag-reward.csv", "Wall time,Step,Value\n1741939812.5,0,0.4\n1741939800.25,1,0.5\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { Gpus = 8 }));

        Assert.Equal((ErrorCodes.DecreasingCompute, 3, 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Equal("wall time '1741939800.25', before the first row's 1741939812.5", error.Found);
    }
}
