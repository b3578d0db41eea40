using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Reporting.Html;

/// <summary>The baseline a recipe of a snapshot was gated against: its snapshot, its fit there, and the gate's change in A.</summary>
public sealed record ComparedFit(SnapshotRef Baseline, HistoryRow Row, AsymptoteChange? Change);

/// <summary>
/// For every recipe of every reported snapshot that the gate compared with a baseline, that baseline's fit, found
/// among the report's own rows: the verdict names the baseline snapshot, and the report holds that snapshot's fit of
/// the recipe when the baseline is part of the report (a report of one branch leaves the other branches out).
/// The change in A is the gate's, read from the verdict, never recomputed.
/// </summary>
public sealed class ComparedFits
{
    private readonly Dictionary<(long SnapshotId, string Recipe), ComparedFit> _compared = [];

    public ComparedFits(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rowsBySnapshot = new Dictionary<long, Dictionary<string, HistoryRow>>();
        foreach (var (snapshotId, verdicts) in data.Verdicts)
        {
            foreach (var verdict in verdicts)
            {
                if (verdict.BaselineSnapshotId is not { } baselineId || !data.RefsById.TryGetValue(baselineId, out var baseline))
                    continue;
                if (!rowsBySnapshot.TryGetValue(baselineId, out var rows))
                    rowsBySnapshot[baselineId] = rows = data.RowsOf(baselineId).ToDictionary(r => r.Recipe, StringComparer.Ordinal);
                if (rows.TryGetValue(verdict.Recipe, out var row))
                    _compared[(snapshotId, verdict.Recipe)] = new ComparedFit(baseline, row, ChangeOf(verdict));
            }
        }
    }

    /// <summary>The baseline of a recipe in a snapshot, or null when the gate compared it with none the report holds.</summary>
    public ComparedFit? Of(long snapshotId, string recipe) => _compared.GetValueOrDefault((snapshotId, recipe));

    private static AsymptoteChange? ChangeOf(StoredVerdict verdict) =>
        verdict is { DeltaA: { } delta, Lower: { } lower, Upper: { } upper } ? new AsymptoteChange(delta, lower, upper) : null;
}
