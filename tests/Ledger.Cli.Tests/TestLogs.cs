using System.Globalization;
using System.Security.Cryptography;
using Ledger.Core.Storage;

namespace Ledger.Cli.Tests;

/// <summary>Synthetic run logs with known truth, and small helpers to look at ledger files the tool wrote.</summary>
public static class TestLogs
{
    /// <summary>PRODUCT.md section 1's reference design: A = 0.80, B = 1.5, C_mid = 5000, R0 = 0.</summary>
    public static readonly double[] ReferenceCompute = [500, 1000, 2000, 4000, 7000, 12000, 20000, 30000];

    /// <summary>
    /// Writes a CSV log of the sigmoid with ceiling <paramref name="a"/> (B = 1.5, C_mid = 5000, R0 = 0) at
    /// <paramref name="compute"/>, with 1 % multiplicative noise drawn from <paramref name="seed"/>.
    /// </summary>
    public static string WriteSigmoid(string path, int seed, double a = 0.80, IReadOnlyList<double>? compute = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var random = new Random(seed);
        var lines = (compute ?? ReferenceCompute).Select(c =>
        {
            var truth = a / (1 + Math.Pow(5000 / c, 1.5));
            var noise = 1 + 0.01 * (random.NextDouble() * 2 - 1) * 1.7;
            return string.Create(CultureInfo.InvariantCulture, $"{c:R},{truth * noise:R}");
        });
        File.WriteAllLines(path, ["compute,reward", .. lines]);
        return path;
    }

    /// <summary>SHA-256 of a file's bytes: a failed call must leave the ledger byte for byte as it was.</summary>
    public static string FileHash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Every run digest the ledger's snapshots name, each once.</summary>
    public static IReadOnlySet<string> SnapshotDigests(ILedgerStore store) =>
        store.GetSnapshots().SelectMany(s => s.Recipes.Values).SelectMany(d => d).ToHashSet(StringComparer.Ordinal);
}
