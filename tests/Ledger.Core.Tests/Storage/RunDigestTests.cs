using System.Security.Cryptography;
using System.Text;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage;

public class RunDigestTests
{
    [Fact]
    public void Digest_is_sha256_of_the_documented_little_endian_encoding()
    {
        var run = SampleRuns.Run() with { Points = [new(0, 0.05), new(500, 0.25, 10)] };

        var expected = new MemoryStream();
        void String(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            expected.Write(BitConverter.GetBytes(bytes.Length).AsSpan());
            expected.Write(bytes);
        }
        void Double(double d) => expected.Write(BitConverter.GetBytes(d));
        Assert.True(BitConverter.IsLittleEndian, "the hand-built expectation assumes a little-endian test machine");
        String("ledger.run.v1");
        String("grpo-b512");
        String("compute-column");
        String("compute");
        Double(1.0);
        String("reward");
        expected.Write(BitConverter.GetBytes(2));
        Double(0); Double(0.05); expected.WriteByte(0);
        Double(500); Double(0.25); expected.WriteByte(1); Double(10);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected.ToArray())), RunDigest.Compute(run));
    }

    [Fact]
    public void Digest_is_64_lowercase_hex_characters()
    {
        var digest = RunDigest.Compute(SampleRuns.Run());

        Assert.Matches("^[0-9a-f]{64}$", digest);
    }

    [Fact]
    public void Same_content_from_another_path_name_format_or_warnings_has_the_same_digest()
    {
        var original = SampleRuns.Run();
        var elsewhere = original with
        {
            SourcePath = "/elsewhere/copy.csv",
            RunName = "copy",
            Format = "jsonl",
            Points = original.Points.ToArray(),
            Warnings = ["looks down-sampled"],
        };

        Assert.Equal(RunDigest.Compute(original), RunDigest.Compute(elsewhere));
    }

    public static TheoryData<string, RunLog> ContentChanges()
    {
        var run = SampleRuns.Run();
        var points = run.Points.ToArray();
        return new()
        {
            { "recipe", run with { Recipe = "grpo-b1024" } },
            { "reward column", run with { RewardColumn = "eval/reward" } },
            { "compute source", run with { Compute = new ComputeMapping(ComputeSource.StepTimesGpuHoursPerStep, "compute", 1.0) } },
            { "compute column", run with { Compute = ComputeMapping.FromColumn("gpu_hours") } },
            { "compute scale", run with { Compute = run.Compute with { Scale = 2.0 } } },
            { "a reward", run with { Points = [.. points[..^1], points[^1] with { Reward = points[^1].Reward + 1e-12 }] } },
            { "point order", run with { Points = [points[1], points[0], .. points[2..]] } },
            { "a missing point", run with { Points = points[..^1] } },
            { "step presence", run with { Points = [points[0] with { Step = 0 }, .. points[1..]] } },
            { "negative zero", run with { Points = [points[0] with { Compute = -0.0 }, .. points[1..]] } },
        };
    }

    [Theory]
    [MemberData(nameof(ContentChanges))]
    public void Any_change_of_content_changes_the_digest(string change, RunLog changed)
    {
        Assert.False(RunDigest.Compute(SampleRuns.Run()) == RunDigest.Compute(changed), $"changing {change} kept the digest");
    }
}
