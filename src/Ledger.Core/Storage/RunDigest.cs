using System.Security.Cryptography;
using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>
/// The content address of a run: SHA-256, as lowercase hex, over a canonical encoding of what makes a run's data
/// (recipe, compute mapping, reward column, points in order with step presence). The run name, source path,
/// format and warnings are left out on purpose: the same log appended from another path or under another name
/// is the same run. The encoding is explicit little-endian and length-prefixed UTF-8, so every machine computes
/// the same digest; it is frozen, since changing it would make every stored run look new.
/// </summary>
public static class RunDigest
{
    // Names the encoding so that a future encoding can never produce a digest equal to one of this one.
    private const string EncodingName = "ledger.run.v1";

    /// <summary>The digest of <paramref name="run"/>: 64 lowercase hex characters.</summary>
    public static string Compute(RunLog run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Compute(run.Recipe, run.Compute, run.RewardColumn, run.Points);
    }

    /// <summary>The digest of a stored run's content, which must equal the digest it is stored under.</summary>
    public static string Compute(StoredRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Compute(run.Recipe, run.ComputeMapping, run.RewardColumn, run.Points);
    }

    private static string Compute(string recipe, ComputeMapping compute, string rewardColumn, IReadOnlyList<CurvePoint> points)
    {
        var writer = new CanonicalWriter(64 + points.Count * 25);
        writer.WriteString(EncodingName);
        writer.WriteString(recipe);
        writer.WriteString(ComputeSourceNames.ToName(compute.Source));
        writer.WriteString(compute.Column);
        writer.WriteDouble(compute.Scale);
        writer.WriteString(rewardColumn);
        PointEncoding.Write(writer, points);
        return Convert.ToHexStringLower(SHA256.HashData(writer.WrittenSpan));
    }
}
