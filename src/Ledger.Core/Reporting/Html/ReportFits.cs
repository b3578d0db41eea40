using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>A recipe's input in a snapshot: its name and the set of its runs' digests (runs are content-addressed, so the same set is the same points).</summary>
/// <remarks>
/// Its hash is worked out once: a report looks inputs up by the tens of thousands (every recipe of every snapshot, and
/// each page's sections), and the digests of a few runs are hundreds of characters to hash each time.
/// </remarks>
public readonly record struct RecipeInput(string Recipe, string RunDigests)
{
    private readonly int _hash = HashCode.Combine(Recipe, RunDigests);

    public static RecipeInput Of(string recipe, IEnumerable<string> digests) => new(recipe, string.Join(",", digests.Order(StringComparer.Ordinal)));

    public bool Equals(RecipeInput other) => _hash == other._hash && Recipe == other.Recipe && RunDigests == other.RunDigests;

    public override int GetHashCode() => _hash;
}

/// <summary>
/// The fits and runs a report draws, as <see cref="ReportInputs"/> resolved them from the ledger: every reported recipe
/// of every snapshot with its fit, and each distinct <see cref="RecipeInput"/>'s runs with their points, read once
/// however many snapshots hold it. Plain data: the pages are drawn from it and never open the store.
/// </summary>
public sealed class ReportFits
{
    private readonly IReadOnlyDictionary<(long SnapshotId, string Recipe), RecipeInput> _inputs;
    private readonly IReadOnlyDictionary<RecipeInput, IReadOnlyList<StoredRun>> _runs;

    /// <summary>
    /// Each of <see cref="Rows"/>' input, found by the row itself: pages look inputs up hundreds of thousands of times, and
    /// a look-up by snapshot and recipe hashed and compared the recipe's name each time (3 % of a report's time).
    /// </summary>
    private readonly Dictionary<HistoryRow, RecipeInput> _rowInputs = new(ReferenceEqualityComparer.Instance);

    /// <param name="rows">Every reported recipe in every snapshot, oldest snapshot first, recipes in ordinal order.</param>
    /// <param name="inputs">Each row's input, by its snapshot and recipe.</param>
    /// <param name="runs">Each input's runs, with their points, in digest order.</param>
    public ReportFits(IReadOnlyList<HistoryRow> rows, IReadOnlyDictionary<(long SnapshotId, string Recipe), RecipeInput> inputs,
        IReadOnlyDictionary<RecipeInput, IReadOnlyList<StoredRun>> runs)
    {
        Rows = rows;
        _inputs = inputs;
        _runs = runs;
        foreach (var row in rows)
            _rowInputs[row] = inputs[(row.SnapshotId, row.Recipe)];
    }

    /// <summary>Every reported recipe in every snapshot, as `ledger history` lists them: oldest snapshot first, recipes in ordinal order.</summary>
    public IReadOnlyList<HistoryRow> Rows { get; }

    public RecipeInput InputOf(HistoryRow row) => _rowInputs.TryGetValue(row, out var input) ? input : _inputs[(row.SnapshotId, row.Recipe)];

    /// <summary>The runs behind a row, with their points, in digest order.</summary>
    public IReadOnlyList<StoredRun> RunsOf(RecipeInput input) => _runs[input];
}
