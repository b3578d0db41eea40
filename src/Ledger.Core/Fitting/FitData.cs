using System.Buffers.Binary;
using System.Security.Cryptography;
using Ledger.Core.Ingest;

namespace Ledger.Core.Fitting;

/// <summary>
/// The points of one recipe, as flat arrays the solver reads: several runs (seeds) of a recipe are one data set,
/// with each point remembering its run so the bootstrap can resample whole runs.
/// </summary>
public sealed class FitData
{
    public FitData(IReadOnlyList<string> runNames, double[] compute, double[] reward, int[] runIndex)
    {
        if (compute.Length != reward.Length || compute.Length != runIndex.Length)
        {
            throw new ArgumentException("compute, reward and run index must have the same length");
        }
        RunNames = runNames;
        Compute = compute;
        Reward = reward;
        RunIndex = runIndex;
        LogCompute = Array.ConvertAll(compute, Math.Log);
    }

    public IReadOnlyList<string> RunNames { get; }

    /// <summary>
    /// The metric the rewards are (a log's reward column, e.g. eval/reward), or null when unknown or mixed: seed variances
    /// are pooled only over recipes of one metric. Not part of the fit's identity.
    /// </summary>
    public string? Metric { get; init; }
    public double[] Compute { get; }
    public double[] Reward { get; }
    public int[] RunIndex { get; }

    /// <summary>ln C for every point; C = 0 gives negative infinity, which the models read as their C -> 0 limit.</summary>
    public double[] LogCompute { get; }

    public int Count => Compute.Length;

    /// <summary>The runs' points, run after run in the order given (callers pass digest order: see RecipeFits).</summary>
    public static FitData FromRuns(IEnumerable<RunLog> runs)
    {
        var names = new List<string>();
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        var compute = new List<double>();
        var reward = new List<double>();
        var index = new List<int>();
        foreach (var run in runs)
        {
            names.Add(run.RunName);
            metrics.Add(run.RewardColumn);
            foreach (var point in run.Points)
            {
                compute.Add(point.Compute);
                reward.Add(point.Reward);
                index.Add(names.Count - 1);
            }
        }
        return new FitData(names, compute.ToArray(), reward.ToArray(), index.ToArray()) { Metric = metrics.Count == 1 ? metrics.Single() : null };
    }

    /// <summary>The same data without the points at <paramref name="indices"/>: runs keep their names and indices.</summary>
    public FitData Without(IReadOnlySet<int> indices)
    {
        var keep = Enumerable.Range(0, Count).Where(i => !indices.Contains(i)).ToArray();
        return new FitData(RunNames, keep.Select(i => Compute[i]).ToArray(), keep.Select(i => Reward[i]).ToArray(), keep.Select(i => RunIndex[i]).ToArray())
        {
            Metric = Metric,
        };
    }

    public static FitData FromPoints(double[] compute, double[] reward) =>
        new(["data"], compute, reward, new int[compute.Length]);

    /// <summary>
    /// The points inside <paramref name="window"/>, in order; a run with none left is dropped and the runs after it
    /// renumbered, so the result is the data of logs that held only those points. This data itself when no window is
    /// given or nothing falls outside it.
    /// </summary>
    public FitData Within(ComputeWindow? window)
    {
        if (window is null || Array.TrueForAll(Compute, window.Contains))
            return this;
        var kept = Enumerable.Range(0, Count).Where(i => window.Contains(Compute[i])).ToArray();
        var runs = kept.Select(i => RunIndex[i]).Distinct().ToArray();
        var renumbered = runs.Select((run, index) => (run, index)).ToDictionary(r => r.run, r => r.index);
        return new FitData(
            runs.Select(run => RunNames[run]).ToList(),
            kept.Select(i => Compute[i]).ToArray(),
            kept.Select(i => Reward[i]).ToArray(),
            kept.Select(i => renumbered[RunIndex[i]]).ToArray())
        {
            Metric = Metric,
        };
    }

    /// <summary>
    /// SHA-256 over the points the options fit (those inside their compute window; IEEE bits, little-endian, in order,
    /// with their run index) and the canonical options: the fit's identity, and the source of the bootstrap's seed.
    /// </summary>
    public byte[] Digest(FitOptions options)
    {
        var fitted = Within(options.Window);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(options.Canonical()));
        // The points go in 128 at a time: a call per field cost three hash calls a point, and one array of
        // them all cost a long run's fit a large-object allocation that lives until the next full collection.
        const int PointBytes = 24;
        Span<byte> chunk = stackalloc byte[PointBytes * 128];
        var filled = 0;
        for (var i = 0; i < fitted.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(chunk[filled..], BitConverter.DoubleToInt64Bits(fitted.Compute[i]));
            BinaryPrimitives.WriteInt64LittleEndian(chunk[(filled + 8)..], BitConverter.DoubleToInt64Bits(fitted.Reward[i]));
            BinaryPrimitives.WriteInt64LittleEndian(chunk[(filled + 16)..], fitted.RunIndex[i]);
            filled += PointBytes;
            if (filled == chunk.Length)
            {
                hash.AppendData(chunk);
                filled = 0;
            }
        }
        hash.AppendData(chunk[..filled]);
        return hash.GetHashAndReset();
    }
}
