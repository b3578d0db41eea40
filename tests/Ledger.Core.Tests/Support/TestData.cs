using System.Globalization;

namespace Ledger.Core.Tests.Support;

/// <summary>
/// The public reference data in the repository's tests/data folder (each source with its SOURCE.md): found by
/// walking up from the test binaries to the clone's root, so a fresh clone tests with nothing beside it.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> RepositoryRoot = new(Locate);

    /// <summary>The clone's root folder, which holds Ledger.sln (and ledger.db.example).</summary>
    public static string Repository => RepositoryRoot.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([RepositoryRoot.Value, "tests", "data", .. parts]);

    /// <summary>ledger.db.example as it was before it was rebuilt: schema version 1, fits by ledger-fit/2 (its SOURCE.md).</summary>
    public static string ExampleLedgerOfSchema1 =>
        System.IO.Path.Combine(RepositoryRoot.Value, "tests", "Ledger.Core.Tests", "Storage", "Fixtures", "example-ledger-schema-1.db");

    /// <summary>The public RL runs (tests/data/real-runs).</summary>
    public static string RealRuns => Path("real-runs");

    /// <summary>The data block of a NIST StRD file: (x, y) pairs after the last "Data:" line whose columns are y x.</summary>
    public static (double[] X, double[] Y) Nist(string name)
    {
        var lines = File.ReadAllLines(Path("nist", name + ".dat"));
        var start = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("Data:", StringComparison.Ordinal)) + 1;
        var x = new List<double>();
        var y = new List<double>();
        foreach (var line in lines.Skip(start))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }
            y.Add(double.Parse(fields[0], CultureInfo.InvariantCulture));
            x.Add(double.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        return (x.ToArray(), y.ToArray());
    }

    /// <summary>The rows of a small CSV file, split on commas (the drc files have no quoting).</summary>
    public static IReadOnlyList<string[]> CsvRows(params string[] parts) =>
        File.ReadAllLines(Path(parts)).Skip(1).Select(l => l.Split(',')).ToList();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Ledger.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"Ledger.sln not found above {AppContext.BaseDirectory}: the tests run from the repository's build output");
    }
}
