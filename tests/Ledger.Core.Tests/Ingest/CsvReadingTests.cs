using System.Text;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

public class CsvReadingTests
{
    private static readonly CurvePoint[] TwoPoints = [new(0, 0.1), new(10, 0.25)];

    [Theory]
    [InlineData("compute,reward\n0,0.1\n10,0.25\n")]
    [InlineData("compute;reward\n0;0.1\n10;0.25\n")]
    [InlineData("compute\treward\n0\t0.1\n10\t0.25\n")]
    [InlineData("compute,reward\r\n0,0.1\r\n10,0.25\r\n")]
    [InlineData("compute,reward\r0,0.1\r10,0.25")]
    [InlineData("compute , reward\n\n0, 0.1\n10 ,0.25\n\n")]
    [InlineData("\"compute\",\"reward\"\n\"0\",\"0.1\"\n\"10\",\"0.25\"")]
    public void Reads_every_delimiter_line_ending_and_quoting(string text)
    {
        using var temp = new TempFolder();

        var run = Assert.Single(RunLogReader.Read(temp.Write("run.csv", text), new ReadOptions()));

        Assert.Equal(TwoPoints, run.Points);
    }

    [Fact]
    public void Skips_a_UTF8_byte_order_mark()
    {
        using var temp = new TempFolder();
        var path = temp.Write("bom.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("compute,reward\n0,0.1\n10,0.25\n")]);

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal(TwoPoints, run.Points);
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters_quotes_and_line_breaks()
    {
        using var temp = new TempFolder();
        var text = "run,compute,reward\n\"lr=1e-5, \"\"warm\"\"\nrestart\",1,0.5\n\"lr=1e-5, \"\"warm\"\"\nrestart\",2,0.75\n";

        var run = Assert.Single(RunLogReader.Read(temp.Write("quoted.csv", text), new ReadOptions()));

        Assert.Equal("lr=1e-5, \"warm\"\nrestart", run.RunName);
        Assert.Equal([new CurvePoint(1, 0.5), new CurvePoint(2, 0.75)], run.Points);
    }

    [Fact]
    public void Parses_numbers_with_the_invariant_culture_and_exponents()
    {
        using var temp = new TempFolder();
        var text = "compute,reward\n0,4e-05\n1.5E+2,-0.25\n2e3,1\n";

        var run = Assert.Single(RunLogReader.Read(temp.Write("exp.csv", text), new ReadOptions()));

        Assert.Equal([new CurvePoint(0, 4e-05), new CurvePoint(150, -0.25), new CurvePoint(2000, 1)], run.Points);
    }

    [Fact]
    public void Maps_columns_by_name_and_records_the_step_and_the_mapping()
    {
        using var temp = new TempFolder();
        var text = "iteration,gpu_hours,eval/reward,notes\n5,0.5,0.2,warmup\n10,1.25,0.4,\n";
        var options = new ReadOptions { ComputeColumn = "gpu_hours", RewardColumn = "eval/reward", StepColumn = "iteration" };

        var run = Assert.Single(RunLogReader.Read(temp.Write("mapped.csv", text), options));

        Assert.Equal([new CurvePoint(0.5, 0.2, 5), new CurvePoint(1.25, 0.4, 10)], run.Points);
        Assert.Equal(ComputeMapping.FromColumn("gpu_hours"), run.Compute);
        Assert.Equal("eval/reward", run.RewardColumn);
        Assert.Equal("csv", run.Format);
    }

    [Fact]
    public void Skips_sparse_rows_as_WandB_history_logs_them()
    {
        using var temp = new TempFolder();
        var text = "_step,_runtime,train/loss,eval/reward\n"
            + "0,0,2.1,0.05\n"
            + "1,60,2.0,\n"
            + "2,120,1.9,\n"
            + "3,,1.8,0.3\n"
            + "4,240,1.7,0.35\n";
        var options = new ReadOptions { RewardColumn = "eval/reward", GpuHoursPerStep = 0.5 };

        var run = Assert.Single(RunLogReader.Read(temp.Write("history.csv", text), options));

        Assert.Equal([new CurvePoint(0, 0.05, 0), new CurvePoint(1.5, 0.3, 3), new CurvePoint(2, 0.35, 4)], run.Points);
    }

    [Fact]
    public void A_point_at_compute_zero_is_valid()
    {
        using var temp = new TempFolder();

        var run = Assert.Single(RunLogReader.Read(temp.Write("zero.csv", "compute,reward\n0,0.03\n"), new ReadOptions()));

        Assert.Equal([new CurvePoint(0, 0.03)], run.Points);
    }

    [Fact]
    public void The_Format_option_overrides_the_extension()
    {
        using var temp = new TempFolder();
        var path = temp.Write("export.log", "{\"compute\": 1, \"reward\": 0.5}\n");

        var run = Assert.Single(RunLogReader.Read(path, new ReadOptions { Format = "jsonl" }));

        Assert.Equal("jsonl", run.Format);
    }
}
