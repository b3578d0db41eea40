namespace Ledger.Core.Tests.Ingest;

/// <summary>One file of the bad-input corpus and the error it must produce when read with default options.</summary>
public sealed record BadInput(string File, string Code, int Line, int Column, string Why)
{
    public string Path => System.IO.Path.Combine(BadInputCorpus.Folder, File);
}

/// <summary>
/// The committed corpus of bad run logs (Ingest/BadInputs, copied beside the test binaries) and its manifest,
/// expectations.csv. Any test may enumerate it: each file must be refused, whole, with the listed code and position.
/// </summary>
public static class BadInputCorpus
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Ingest", "BadInputs");

    public static IReadOnlyList<BadInput> Entries { get; } = Load();

    public static BadInput Get(string file) => Entries.Single(e => e.File == file);

    private static List<BadInput> Load() =>
        File.ReadAllLines(Path.Combine(Folder, "expectations.csv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',', 5))
            .Select(f => new BadInput(f[0], f[1], int.Parse(f[2]), int.Parse(f[3]), f[4]))
            .ToList();
}
