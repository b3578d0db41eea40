using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

public class BadInputTests
{
    public static TheoryData<string> CorpusFiles => new(BadInputCorpus.Entries.Select(e => e.File));

    [Fact]
    public void Corpus_has_at_least_45_files_each_in_the_manifest()
    {
        var onDisk = Directory.GetFiles(BadInputCorpus.Folder).Select(Path.GetFileName)
            .Where(name => name is not "expectations.csv" and not ".gitattributes");
        Assert.True(BadInputCorpus.Entries.Count >= 45);
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), BadInputCorpus.Entries.Select(e => e.File).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Each_corpus_file_is_refused_with_its_code_and_position(string file)
    {
        var expected = BadInputCorpus.Get(file);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(expected.Path, new ReadOptions()));

        Assert.Equal((expected.Code, expected.Line, expected.Column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Equal(expected.Path, error.Location.File);
        Assert.StartsWith(error.Location.ToString() + ": error " + expected.Code + ": found ", error.Message);
    }

    [Fact]
    public void A_line_over_1_MiB_is_refused_without_reading_it_all()
    {
        using var temp = new TempFolder();
        var path = temp.Write("huge.csv", "compute,reward\n1,0.5\n2," + new string('9', 4 << 20) + "\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.LineTooLong, 3, 1), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_huge_JSON_line_is_refused()
    {
        using var temp = new TempFolder();
        var path = temp.Write("huge.jsonl", "{\"compute\": 1, \"reward\": \"" + new string('x', 2 << 20) + "\"}\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.LineTooLong, 1, 1), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_quoted_field_that_swallows_the_rest_of_a_big_file_is_refused_at_its_opening_quote()
    {
        using var temp = new TempFolder();
        var rows = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i},0.5\n"));
        var path = temp.Write("open-quote.csv", "compute,reward\n\"0,0.1\n" + rows);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.LineTooLong, 2, 1), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Random_binary_is_not_text()
    {
        using var temp = new TempFolder();
        var bytes = new byte[100_000];
        new Random(7).NextBytes(bytes);
        var path = temp.Write("random.csv", bytes);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal(ErrorCodes.NotText, error.Code);
    }

    [Fact]
    public void Invalid_UTF8_after_the_first_chunk_names_its_line_and_byte_offset()
    {
        using var temp = new TempFolder();
        var text = "compute,reward\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"{i},0.5\n"));
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(text + "10000,0.");
        var path = temp.Write("late-garbage.csv", [.. bytes, 0xFF, (byte)'\n']);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.NotText, 10_002, 9), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains($"byte 0xFF at byte offset {bytes.Length}", error.Message);
    }

    [Fact]
    public void A_missing_file_is_FileNotFound()
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read("no/such/run.csv", new ReadOptions()));

        Assert.Equal(ErrorCodes.FileNotFound, error.Code);
        Assert.Equal("no/such/run.csv: error LEDGER101: found no such file; expected a run-log file or an MLflow run folder (holding metrics/ "
            + "and meta.yaml); expand other folders and globs with RunLogSources", error.Message);
    }

    public static TheoryData<ReadOptions, string> InvalidOptions => new()
    {
        { new ReadOptions { GpuHoursPerStep = -0.5 }, "GpuHoursPerStep = -0.5" },
        { new ReadOptions { GpuHoursPerStep = 0 }, "GpuHoursPerStep = 0" },
        { new ReadOptions { GpuHoursPerStep = double.NaN }, "GpuHoursPerStep = NaN" },
        { new ReadOptions { Gpus = -8 }, "Gpus = -8" },
        { new ReadOptions { Gpus = double.PositiveInfinity }, "Gpus = Infinity" },
        { new ReadOptions { Gpus = 8, GpuHoursPerStep = 0.1 }, "both GpuHoursPerStep and Gpus" },
        { new ReadOptions { RewardColumn = " " }, "RewardColumn = ' '" },
        { new ReadOptions { Recipe = "" }, "Recipe = ''" },
        { new ReadOptions { Format = "parquet" }, "Format = 'parquet'" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_before_the_file_is_read(ReadOptions options, string found)
    {
        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read("never-opened.csv", options));

        Assert.Equal(ErrorCodes.InvalidOption, error.Code);
        Assert.Equal(found, error.Found);
    }

    public static TheoryData<ReadOptions, string> MissingNamedColumns => new()
    {
        { new ReadOptions { ComputeColumn = "gpu_hours" }, "a column named 'gpu_hours' (as ComputeColumn says)" },
        { new ReadOptions { RewardColumn = "eval/reward" }, "a column named 'eval/reward' (as RewardColumn says)" },
        { new ReadOptions { StepColumn = "iteration" }, "a column named 'iteration' (as StepColumn says)" },
        { new ReadOptions { RunColumn = "seed" }, "a column named 'seed' (as RunColumn says)" },
        { new ReadOptions { RecipeColumn = "config" }, "a column named 'config' (as RecipeColumn says)" },
        { new ReadOptions { RuntimeColumn = "seconds" }, "a column named 'seconds' (as RuntimeColumn says)" },
    };

    [Theory]
    [MemberData(nameof(MissingNamedColumns))]
    public void A_column_the_options_name_must_exist(ReadOptions options, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", "step,compute,reward\n1,1,0.5\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, options));

        Assert.Equal((ErrorCodes.MissingColumn, 1, 1), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Equal("the columns 'step', 'compute' and 'reward'", error.Found);
        Assert.Equal(expected, error.Expected);
    }

    [Theory]
    [InlineData(null, 8.0, "a runtime column in seconds ('_runtime', or one named by RuntimeColumn) to multiply by Gpus / 3600")]
    [InlineData(0.5, null, "a step column (step, _step, Step or global_step, or one named by StepColumn) to multiply by GpuHoursPerStep")]
    public void A_compute_mapping_needs_its_column(double? gpuHoursPerStep, double? gpus, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", "iteration,seconds,reward\n1,60,0.5\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions { GpuHoursPerStep = gpuHoursPerStep, Gpus = gpus }));

        Assert.Equal((ErrorCodes.MissingColumn, expected), (error.Code, error.Expected));
    }

    [Fact]
    public void No_compute_mapping_says_which_columns_exist_and_what_would_fix_it()
    {
        var file = BadInputCorpus.Get("no-compute-mapping-wandb.csv");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(file.Path, new ReadOptions()));

        Assert.Equal("no compute column among '_step', '_runtime' and 'reward'", error.Found);
        Assert.Equal("one of: a 'compute' column in GPU-hours; or ComputeColumn naming one of the columns; "
            + "or GpuHoursPerStep (to use step column '_step'); or Gpus (to use runtime column '_runtime')", error.Expected);
    }

    [Fact]
    public void A_non_number_reads_aloud_with_file_position_value_and_column()
    {
        var file = BadInputCorpus.Get("reward-not-a-number.csv");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(file.Path, new ReadOptions()));

        Assert.Equal($"{file.Path}(3,3): error LEDGER106: found 'abc' in column 'reward'; expected a number such as 0.5 or 4e-05", error.Message);
    }

    [Fact]
    public void Quoted_text_is_cut_to_about_40_characters()
    {
        using var temp = new TempFolder();
        var path = temp.Write("long.csv", "compute,reward\n1," + new string('x', 500) + "\n");

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal($"'{new string('x', 40)}...' in column 'reward'", error.Found);
    }
}
