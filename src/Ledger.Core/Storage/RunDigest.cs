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
        var writer = new CanonicalWriter(64 + run.Points.Count * 25);
        writer.WriteString(EncodingName);
        writer.WriteString(run.Recipe);
        writer.WriteString(ComputeSourceNames.ToName(run.Compute.Source));
        writer.WriteString(run.Compute.Column);
        writer.WriteDouble(run.Compute.Scale);
        writer.WriteString(run.RewardColumn);
        PointEncoding.Write(writer, run.Points);
        return Convert.ToHexStringLower(SHA256.HashData(writer.WrittenSpan));
    }
}
