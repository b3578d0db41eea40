using System.Text.Json;
using Ledger.Core.Changes;
using Ledger.Core.Fitting;
using Ledger.Core.Gating;

namespace Ledger.Core.Reporting;

/// <summary>One recipe's row of a recorded gate: what summary.md shows of its verdict.</summary>
public sealed record RecordedVerdict(string Recipe, VerdictKind Verdict, double? CurrentA, double? BaselineA, double? DeltaA, Interval DeltaInterval,
    bool Underpowered, bool RegimeChange, string Reason);

/// <summary>
/// A gate read back from its ledger.gate/1 document, which the ledger keeps for every gate (GateSummary): the build, the
/// baseline's label, the tolerance, the verdicts and the changes found, all that summary.md is rendered from. The gate's
/// own Markdown is rendered from this same reading of its document, so the two cannot differ.
/// </summary>
public sealed record RecordedGate(string Commit, string Branch, string? Baseline, double Tolerance, bool LowerIsBetter, bool Failed, string? DriftReference,
    IReadOnlyList<RecordedVerdict> Verdicts, IReadOnlyList<ChangeOutline> Changes)
{
    /// <summary>The gate a ledger kept, read back; null for one an older Ledger kept as Markdown.</summary>
    /// <exception cref="Diagnostics.LedgerUnavailableException">LEDGER402: the kept document cannot be read.</exception>
    public static RecordedGate? Of(Storage.GateSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        try
        {
            return summary.Document is { } document ? Read(document) : null;
        }
        catch (InvalidDataException e)
        {
            throw Damaged(summary, e.Message, e);
        }
    }

    /// <summary>
    /// The tolerance and direction a kept gate tested with, and nothing else: a report reads them for each of its
    /// snapshots, and they come before the document's recipes, so the rest is not parsed. Null for a gate kept as Markdown.
    /// </summary>
    /// <exception cref="Diagnostics.LedgerUnavailableException">LEDGER402: the kept document cannot be read.</exception>
    public static (double Tolerance, bool LowerIsBetter)? TestedWith(Storage.GateSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Document is not { } document)
            return null;
        var json = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(document));
        double? tolerance = null;
        bool? lowerIsBetter = null;
        try
        {
            // The top level's own fields only: depth 1 is inside the document's object.
            while ((tolerance is null || lowerIsBetter is null) && json.Read())
            {
                if (json.TokenType != JsonTokenType.PropertyName || json.CurrentDepth != 1)
                    continue;
                var name = json.GetString();
                json.Read();
                if (name == "tolerance")
                    tolerance = json.GetDouble();
                else if (name == "lower_is_better")
                    lowerIsBetter = json.GetBoolean();
                else
                    json.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Damaged(summary, e.Message, e);
        }
        return tolerance is { } t && lowerIsBetter is { } lower ? (t, lower) : throw Damaged(summary, "no field 'tolerance' or 'lower_is_better'", null);
    }

    private static Diagnostics.LedgerUnavailableException Damaged(Storage.GateSummary summary, string problem, Exception? inner) =>
        Diagnostics.LedgerUnavailableException.Damaged("the ledger", $"the gate record of snapshot {summary.SnapshotId} cannot be read ({problem})", inner);

    /// <exception cref="InvalidDataException">The text is not a ledger.gate/1 document: what is wrong with it, in words.</exception>
    public static RecordedGate Read(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            using var json = JsonDocument.Parse(document);
            var root = json.RootElement;
            if (Text(root, "schema") is var schema && schema != GateJson.Schema)
                throw new InvalidDataException($"its schema is '{schema}', not {GateJson.Schema}");
            return new RecordedGate(Named(root, "commit"), Named(root, "branch"), Text(root, "baseline"), Required(root, "tolerance"),
                Field(root, "lower_is_better").GetBoolean(), Field(root, "failed").GetBoolean(), Text(root, "reference"),
                Field(root, "recipes").EnumerateArray().Select(ReadVerdict).ToList(),
                Field(root, "changes").EnumerateArray().Select(ReadChange).ToList());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static RecordedVerdict ReadVerdict(JsonElement recipe)
    {
        var name = Text(recipe, "verdict");
        var verdict = Enum.GetValues<VerdictKind>().Where(k => k.Name() == name).Cast<VerdictKind?>().SingleOrDefault()
                      ?? throw new InvalidDataException($"'{name}' is not a verdict");
        return new RecordedVerdict(Named(recipe, "recipe"), verdict, Number(recipe, "a"), Number(recipe, "baseline_a"), Number(recipe, "delta_a"),
            Sides(Number(recipe, "delta_lower"), Number(recipe, "delta_upper"), Field(recipe, "delta_open").GetBoolean()),
            Field(recipe, "underpowered").GetBoolean(), Field(recipe, "regime_change").GetBoolean(), Named(recipe, "reason"));
    }

    private static ChangeOutline ReadChange(JsonElement change)
    {
        var commits = Field(change, "commits").EnumerateArray().Select(c => c.GetString() ?? throw new InvalidDataException("a change's commit is null")).ToList();
        if (commits.Count == 0)
            throw new InvalidDataException("a change without its commits");
        var interval = Field(change, "interval");
        return new ChangeOutline(Named(change, "recipe"), Text(change, "kind") == "drift" ? ChangeKind.Drift : ChangeKind.Step,
            Named(change, "previous_commit"), Named(change, "commit"), commits[^1], commits.Count,
            Required(Field(change, "before"), "value"), Required(Field(change, "after"), "value"), Required(change, "delta"),
            Sides(Number(interval, "lower"), Number(interval, "upper"), Field(interval, "open").GetBoolean()));
    }

    /// <summary>An interval as JSON writes one: a side that is not finite is null, and "open" says a null side is infinite rather than unknown.</summary>
    private static Interval Sides(double? lower, double? upper, bool open) =>
        new(lower ?? (open ? double.NegativeInfinity : double.NaN), upper ?? (open ? double.PositiveInfinity : double.NaN));

    private static JsonElement Field(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"no field '{name}'");

    private static string? Text(JsonElement element, string name) => Field(element, name).GetString();

    private static string Named(JsonElement element, string name) => Text(element, name) ?? throw new InvalidDataException($"field '{name}' is null");

    private static double Required(JsonElement element, string name) => Number(element, name) ?? throw new InvalidDataException($"field '{name}' is null");

    private static double? Number(JsonElement element, string name)
    {
        var value = Field(element, name);
        return value.ValueKind == JsonValueKind.Null ? null : value.GetDouble();
    }
}
