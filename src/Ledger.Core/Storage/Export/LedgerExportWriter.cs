using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledger.Core.Storage.Export;

/// <summary>
/// Writes a ledger's records as ledger.export/1: every field of every record, doubles to the bit (shortest round-trip
/// text, and "NaN", "Infinity", "-Infinity" as strings), times in ISO 8601 with their offset and 100-ns ticks, a run's
/// points as base64 of the frozen encoding its digest covers. The same ledger gives the same bytes, from either store.
/// </summary>
public sealed class LedgerExportWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private long _records;

    public LedgerExportWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _json = new Utf8JsonWriter(output, Options);
        Line(ExportFormat.Header, () => _json.WriteString("schema", ExportFormat.Schema));
    }

    /// <summary>How many records were written (the header and end lines aside).</summary>
    public long Records => _records;

    public void Write(LedgerRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records++;
        switch (record)
        {
            case RunEntry { Run: var run }:
                Line(ExportFormat.Run, () =>
                {
                    _json.WriteString("digest", run.Digest);
                    _json.WriteString("recipe", run.Recipe);
                    _json.WriteString("runName", run.RunName);
                    _json.WriteString("sourcePath", run.SourcePath);
                    _json.WriteString("format", run.Format);
                    _json.WriteStartObject("compute");
                    _json.WriteString("source", ComputeSourceNames.ToName(run.ComputeMapping.Source));
                    _json.WriteString("column", run.ComputeMapping.Column);
                    Double("scale", run.ComputeMapping.Scale);
                    _json.WriteEndObject();
                    _json.WriteString("rewardColumn", run.RewardColumn);
                    Strings("tags", run.Tags);
                    _json.WriteString("firstSeenCommit", run.FirstSeenCommit);
                    Time("firstSeenTime", run.FirstSeenTime);
                    _json.WriteNumber("pointCount", run.Points.Count);
                    _json.WriteBase64String("points", PointEncoding.ToBytes(run.Points));
                });
                break;
            case SnapshotEntry { Snapshot: var snapshot }:
                Line(ExportFormat.Snapshot, () =>
                {
                    _json.WriteNumber("id", snapshot.Id);
                    _json.WriteString("commit", snapshot.Commit);
                    _json.WriteString("branch", snapshot.Branch);
                    Time("time", snapshot.Time);
                    _json.WriteStartArray("recipes");
                    foreach (var (recipe, runs) in snapshot.Recipes)
                    {
                        _json.WriteStartObject();
                        _json.WriteString("recipe", recipe);
                        Strings("runs", runs);
                        _json.WriteEndObject();
                    }
                    _json.WriteEndArray();
                });
                break;
            case FitEntry { SnapshotId: var snapshotId, Fit: var fit }:
                Line(ExportFormat.Fit, () =>
                {
                    _json.WriteNumber("snapshotId", snapshotId);
                    _json.WriteString("recipe", fit.Recipe);
                    _json.WriteString("model", fit.Model);
                    _json.WriteString("optionsDigest", fit.OptionsDigest);
                    _json.WriteString("fitterVersion", fit.FitterVersion);
                    _json.WriteString("inputDigest", fit.InputDigest);
                    _json.WriteStartArray("parameters");
                    foreach (var parameter in fit.Parameters)
                    {
                        _json.WriteStartObject();
                        _json.WriteString("name", parameter.Name);
                        Double("value", parameter.Value);
                        Double("standardError", parameter.StandardError);
                        Double("lower", parameter.Lower);
                        Double("upper", parameter.Upper);
                        _json.WriteEndObject();
                    }
                    _json.WriteEndArray();
                    _json.WriteString("status", fit.Status);
                    _json.WriteString("reason", fit.Reason);
                    Double("rSquared", fit.RSquared);
                    Double("rmse", fit.Rmse);
                    Double("sse", fit.Sse);
                    _json.WriteNumber("n", fit.N);
                    _json.WriteString("payloadJson", fit.PayloadJson);
                });
                break;
            case VerdictEntry { Verdict: var verdict }:
                Line(ExportFormat.Verdict, () =>
                {
                    _json.WriteNumber("snapshotId", verdict.SnapshotId);
                    _json.WriteString("recipe", verdict.Recipe);
                    _json.WriteString("verdict", verdict.Verdict);
                    if (verdict.BaselineSnapshotId is { } baseline)
                        _json.WriteNumber("baselineSnapshotId", baseline);
                    else
                        _json.WriteNull("baselineSnapshotId");
                    Double("deltaA", verdict.DeltaA);
                    Double("lower", verdict.Lower);
                    Double("upper", verdict.Upper);
                    _json.WriteBoolean("regimeChange", verdict.RegimeChange);
                    _json.WriteString("reason", verdict.Reason);
                });
                break;
            case GateSummaryEntry { Summary: var summary }:
                Line(ExportFormat.GateSummary, () =>
                {
                    _json.WriteNumber("snapshotId", summary.SnapshotId);
                    if (summary.Document is { } document)
                        _json.WriteString("document", document);
                    else
                        _json.WriteString("markdown", summary.Markdown);
                });
                break;
            case GateFactsEntry { Facts: var facts }:
                Line(ExportFormat.GateFacts, () =>
                {
                    _json.WriteNumber("snapshotId", facts.SnapshotId);
                    _json.WriteStartArray("facts");
                    foreach (var fact in facts.Facts)
                    {
                        _json.WriteStartObject();
                        _json.WriteString("runSet", fact.RunSet);
                        Strings("sources", fact.Sources);
                        _json.WriteString("baselineFit", fact.BaselineFit);
                        if (fact.RegimeChange is { } regime)
                            _json.WriteBoolean("regimeChange", regime);
                        else
                            _json.WriteNull("regimeChange");
                        _json.WriteEndObject();
                    }
                    _json.WriteEndArray();
                });
                break;
            case ReadFileEntry { Record: var readFile }:
                Line(ExportFormat.ReadFile, () =>
                {
                    _json.WriteString("key", readFile.Key);
                    _json.WriteStartArray("runs");
                    foreach (var run in readFile.Runs)
                    {
                        _json.WriteStartObject();
                        _json.WriteString("recipe", run.Recipe);
                        _json.WriteString("digest", run.Digest);
                        Strings("warnings", run.Warnings);
                        _json.WriteEndObject();
                    }
                    _json.WriteEndArray();
                });
                break;
            default:
                throw new ArgumentException($"no such record: {record.GetType().Name}", nameof(record));
        }
    }

    /// <summary>The last line, which counts the records: a file without it was cut short.</summary>
    public void Finish()
    {
        Line(ExportFormat.End, () => _json.WriteNumber("records", _records));
        _output.Flush();
    }

    private void Line(string type, Action fields)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("type", type);
        fields();
        _json.WriteEndObject();
        _json.Flush();
        _output.Write(NewLine);
    }

    private void Double(string name, double? value)
    {
        if (value is not { } v)
            _json.WriteNull(name);
        else if (ExportFormat.NonFinite(v) is { } text)
            _json.WriteString(name, text);
        else
            _json.WriteNumber(name, v);
    }

    private void Strings(string name, IEnumerable<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values)
            _json.WriteStringValue(value);
        _json.WriteEndArray();
    }

    private void Time(string name, DateTimeOffset time) => _json.WriteString(name, time.ToString("o", CultureInfo.InvariantCulture));

    public void Dispose() => _json.Dispose();
}
