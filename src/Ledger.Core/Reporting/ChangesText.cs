using System.Text;
using Ledger.Core.Changes;
using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;
using static Ledger.Core.Reporting.NumberFormat;

namespace Ledger.Core.Reporting;

/// <summary>
/// `ledger changes` for people: a line saying what was read and the rule, an aligned row per change (oldest first within a
/// recipe), then what was left out: acknowledged changes, and snapshots with no stored fit made with these options.
/// </summary>
public static class ChangesText
{
    public static string Write(ChangesOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = new StringBuilder();
        var (changes, recipes, snapshots) = (outcome.Changes, outcome.Recipes.Count, outcome.History.Snapshots.Count);
        var found = changes.Count == 0 ? "no change" : changes.Count == 1 ? "1 change" : $"{changes.Count} changes";
        text.AppendLine($"{found} along {DisplayText.Escape(outcome.Branch)}: {Count(recipes, "recipe")} over {Count(snapshots, "snapshot")}; " +
                        $"a change is one the data show beyond the tolerance {Short(outcome.Tolerance)} (a margin), " +
                        $"at {Percent(outcome.Alpha)} per recipe over the places a change could be");
        if (changes.Count > 0)
        {
            var level = Percent(outcome.ConfidenceLevel);
            var rows = new List<string[]> { new[] { "recipe", "kind", "commit", "previous", "A before", "A after", "change", $"{level} interval", "commits" } };
            rows.AddRange(changes.Select(c => new[]
            {
                c.Recipe, c.Kind == ChangeKind.Drift ? "drift" : "step", AppendText.ShortCommit(c.Commit), AppendText.ShortCommit(c.PreviousCommit),
                Short(c.Before.Value), Short(c.After.Value), (c.Delta >= 0 ? "+" : "") + Short(c.Delta), Interval(c.Test.Interval(outcome.ConfidenceLevel)),
                Span(c.Commits),
            }));
            TextTable.Append(text, rows, leftAligned: c => c < 4 || c == 8, indent: "  ");
        }
        foreach (var acknowledged in outcome.Recipes.SelectMany(r => r.Acknowledged))
        {
            var (a, change) = (acknowledged.Acknowledgement, acknowledged.Change);
            text.AppendLine(change is null
                ? $"{DisplayText.Escape(a.Recipe)}: acknowledged at {DisplayText.Escape(a.Commit)} ({DisplayText.Escape(a.Reason)}): no change there; history read from that commit on"
                : $"{DisplayText.Escape(a.Recipe)}: acknowledged {(change.Delta >= 0 ? "+" : "")}{Short(change.Delta)} at {DisplayText.Escape(AppendText.ShortCommit(change.Commit))} " +
                  $"({DisplayText.Escape(a.Reason)}): not reported; history read from the new level on");
        }
        var unfitted = outcome.History.Unfitted.Where(u => u.Value > 0).ToList();
        if (unfitted.Count > 0)
        {
            // Counted per recipe and snapshot: 1,000 recipes unfitted on 1,000 snapshots are 1,000,000 places, not snapshots.
            text.AppendLine($"{Count(unfitted.Count, "recipe")} had no stored fit made with these fit options in {Count(unfitted.Sum(u => u.Value), "snapshot")} " +
                            "(counted for each recipe), which were not read (changes never refits: run `ledger fit` there, or give the options they were fitted with)");
        }
        return text.ToString();
    }

    /// <summary>"3f2a1c9..9e8d7c6 (8 commits)", or the one commit.</summary>
    private static string Span(IReadOnlyList<string> commits) => commits.Count switch
    {
        0 => "",
        1 => AppendText.ShortCommit(commits[0]),
        _ => $"{AppendText.ShortCommit(commits[0])}..{AppendText.ShortCommit(commits[^1])} ({commits.Count} commits)",
    };

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
