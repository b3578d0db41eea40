using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;

namespace Ledger.Core.Reporting;

/// <summary>`ledger verify`'s output: one line per damaged record or per fit that did not reproduce, then the count.</summary>
public static class VerifyText
{
    /// <example>snapshot 2 (main@3f2a1c9) recipe 'grpo' (sigmoid4): A.value, payload.parameters[1].value differ from the refit</example>
    public static string Write(VerifyOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = new StringBuilder();
        if (outcome.Damage.Count > 0)
        {
            foreach (var damage in outcome.Damage)
                text.AppendLine($"damaged: {damage}");
            text.AppendLine($"FAILED: the ledger is damaged ({outcome.Damage.Count} {(outcome.Damage.Count == 1 ? "record" : "records")}); no fit was refitted. " +
                            "Restore it from a backup or a CI artifact.");
            return text.ToString();
        }
        foreach (var m in outcome.Mismatches)
        {
            text.AppendLine($"snapshot {m.SnapshotId} ({AppendText.Build(m.Branch, m.Commit)}) recipe '{DisplayText.Escape(m.Recipe)}' ({m.Model}): " +
                            $"{string.Join(", ", m.Fields)} differ from the refit");
        }
        foreach (var (version, count) in outcome.OlderFitters.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"{count} stored fits were recorded by fitter {version}: not refitted, since this Ledger ({Fitting.CurveFitter.Version}) " +
                            "cannot reproduce another fitter's bits; they stay as the history they were");
        }
        text.AppendLine(outcome.Reproduced
            ? $"verified: all {outcome.Checked} stored fits reproduce bit for bit"
            : $"FAILED: {outcome.Mismatches.Count} of {outcome.Checked} stored fits do not reproduce");
        return text.ToString();
    }
}
