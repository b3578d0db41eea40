using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// Deterministic random mutations of valid logs: whatever the bytes, the reader either reads the file or refuses
/// it with a <see cref="LedgerInputException"/>; no IndexOutOfRange, FormatException or the like may escape.
/// </summary>
public class FuzzTests
{
    private const int MutationsPerSeedFile = 300;

    internal const string ValidCsv = "\uFEFFrun,compute,reward,note\r\n"
        + "a,0,0.1,\"plain\"\r\n"
        + "a,1.5,0.2,\"with, comma\"\r\n"
        + "b,0,4e-05,\"with \"\"quote\"\"\nand newline\"\r\n"
        + "a,3,0.35,\r\n"
        + "b,2,,sparse\r\n"
        + "b,7e1,0.5,café\r\n";

    private const string ValidJsonLines = "{\"run\": \"a\", \"compute\": 0, \"reward\": 0.1, \"meta\": {\"k\": [1, 2]}}\n"
        + "\n"
        + "{\"run\": \"a\", \"compute\": 1.5, \"reward\": null, \"note\": \"caf\\u00e9\"}\n"
        + "{\"run\": \"b\", \"compute\": 2e0, \"reward\": 0.3, \"ok\": true}\n";

    private static readonly byte[] Interesting = "\",;\t\r\n{}[]:.-eE0 \\"u8.ToArray().Concat(new byte[] { 0x00, 0xC3, 0xFF, 0xEF, 0xBB, 0xBF }).ToArray();

    [Theory]
    [InlineData("run.csv", ValidCsv)]
    [InlineData("run.jsonl", ValidJsonLines)]
    public void Mutated_logs_are_read_or_refused_with_a_LedgerInputException(string fileName, string valid)
    {
        using var temp = new TempFolder();
        var path = temp.Write(fileName, valid);

        AssertEachMutationIsReadOrRefused(path, path, new ReadOptions());
    }

    [Theory]
    [InlineData("wandb_export_2025-03-14T09_12_44.118+01_00.csv", "eval/reward")]
    [InlineData("mlflow-metric-history.csv", "eval/reward")]
    [InlineData("run-grpo_seed1-tag-eval_reward.csv", null)]
    [InlineData("hf/grpo-qwen3-8b/checkpoint-150/trainer_state.json", "eval_reward")]
    public void Mutated_exports_are_read_or_refused_with_a_LedgerInputException(string sample, string? rewardColumn)
    {
        using var temp = new TempFolder();
        var path = temp.Write(Path.GetFileName(sample), File.ReadAllBytes(ExportSamples.Get(sample)));

        AssertEachMutationIsReadOrRefused(path, path, new ReadOptions { RewardColumn = rewardColumn, GpuHoursPerStep = 1 });
    }

    [Fact]
    public void Mutated_MLflow_metric_files_are_read_or_refused_with_a_LedgerInputException()
    {
        using var temp = new TempFolder();
        temp.Write("run/meta.yaml", "run_id: run\n");
        var metric = temp.Write("run/metrics/reward", "1741939800123 0.391 0\n1741940400123 0.447 100\n1741941000123 5e-1 200\n");

        AssertEachMutationIsReadOrRefused(metric, Path.Combine(temp.Path, "run"), new ReadOptions { GpuHoursPerStep = 1 });
    }

    /// <summary>Mutates <paramref name="mutated"/> in place again and again and reads <paramref name="log"/> (the file, or the folder that holds it).</summary>
    private static void AssertEachMutationIsReadOrRefused(string mutated, string log, ReadOptions options)
    {
        var original = File.ReadAllBytes(mutated);
        Assert.NotEmpty(RunLogReader.Read(log, options));
        var random = new Random(20261123);
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < MutationsPerSeedFile; i++)
        {
            var bytes = Mutate(original, random);
            File.WriteAllBytes(mutated, bytes);
            try
            {
                RunLogReader.Read(log, options);
                outcomes["read"] = outcomes.GetValueOrDefault("read") + 1;
            }
            catch (LedgerInputException e)
            {
                outcomes[e.Code] = outcomes.GetValueOrDefault(e.Code) + 1;
                Assert.Contains(e.Location.File, new[] { mutated, log });
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} ({Convert.ToHexString(bytes)}) threw {e}");
            }
        }

        Assert.True(outcomes.Count >= 3, "mutations should reach several different outcomes: " + string.Join(", ", outcomes));
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] = Interesting[random.Next(Interesting.Length)]; break;
                case 2: bytes.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 3: bytes.RemoveAt(at); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, bytes.Count - at))); break;
            }
        }
        return bytes.ToArray();
    }
}
