using System.Globalization;
using System.Text.Json;
using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;

namespace Ledger.Core.Storage.Export;

/// <summary>
/// Reads a ledger.export/1 file back into records, one line at a time, checking as it goes what an import relies on: the
/// schema line first, the record types in order, every run's content against its digest, every snapshot, fit, verdict
/// and read record naming only runs and snapshots of earlier lines, and the end line's count. A line that fails is
/// LEDGER141 at its line and column; an import reading it writes nothing.
/// </summary>
public static class LedgerExportReader
{
    /// <param name="file">The file's name as the user gave it, for errors.</param>
    /// <exception cref="LedgerInputException">LEDGER141, thrown while enumerating: the file is not a whole ledger.export/1 ledger.</exception>
    public static IEnumerable<LedgerRecord> Read(TextReader text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var state = new ReadState(file);
        string? line;
        while ((line = text.ReadLine()) is not null)
        {
            state.Line++;
            if (state.Ended)
                throw state.Error(0, "a line after the end line", "nothing after the line of type 'end'");
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw state.Error((int)(e.BytePositionInLine ?? 0) + 1, "text that is not one JSON object", "one JSON object per line");
            }
            using (document)
            {
                if (state.Record(new Fields(document.RootElement, state)) is { } record)
                    yield return record;
            }
        }
        var empty = state.Line == 0;
        // What is missing is the file's, not a line's.
        state.Line = 0;
        if (empty)
            throw state.Error(0, "an empty file", $"a {ExportFormat.Schema} file, as ledger export writes it");
        if (!state.Ended)
            throw state.Error(0, "the end of the file before the line of type 'end'", "a whole export: this one was cut short");
    }

    private sealed class ReadState(string file)
    {
        private readonly HashSet<string> _runs = new(StringComparer.Ordinal);
        private readonly HashSet<long> _snapshots = [];
        private readonly HashSet<(string, string)> _builds = [];
        private int _order = -1;
        private long _records;

        public int Line { get; set; }

        public bool Ended { get; private set; }

        public LedgerRecord? Record(Fields fields)
        {
            var type = fields.String("type");
            var order = Array.IndexOf(ExportFormat.Order, type);
            if (order < 0)
                throw Error(0, $"a record of type '{type}'", $"one of {string.Join(", ", ExportFormat.Order)}");
            if (Line == 1 != (type == ExportFormat.Header))
                throw Error(0, Line == 1 ? $"a first line of type '{type}'" : "a second header line", $"one header line, the first, naming {ExportFormat.Schema}");
            if (order < _order)
                throw Error(0, $"a record of type '{type}' after one of type '{ExportFormat.Order[_order]}'", $"the records in the order {string.Join(", ", ExportFormat.Order)}");
            _order = order;
            switch (type)
            {
                case ExportFormat.Header:
                    var schema = fields.String("schema");
                    if (schema != ExportFormat.Schema)
                        throw Error(0, $"schema '{schema}'", $"{ExportFormat.Schema} (a file of a newer Ledger needs that Ledger to import it)");
                    return null;
                case ExportFormat.End:
                    var count = fields.Int64("records");
                    if (count != _records)
                        throw Error(0, $"an end line counting {count} records after {_records}", "as many records as the end line counts: this file lost lines");
                    Ended = true;
                    return null;
            }
            _records++;
            return type switch
            {
                ExportFormat.Run => Run(fields),
                ExportFormat.Snapshot => Snapshot(fields),
                ExportFormat.Fit => new FitEntry(Snapshot(fields, "snapshotId"), Fit(fields)),
                ExportFormat.Verdict => Verdict(fields),
                ExportFormat.GateSummary => GateSummary(fields),
                ExportFormat.GateFacts => new GateFactsEntry(new GateFacts(Snapshot(fields, "snapshotId"), fields.Array("facts").Select(GateFact).ToList())),
                _ => ReadFile(fields),
            };
        }

        /// <summary>A gate's record: its ledger.gate/1 document, checked as the report will read it, or the Markdown an older Ledger kept.</summary>
        private GateSummaryEntry GateSummary(Fields fields)
        {
            var snapshot = Snapshot(fields, "snapshotId");
            if (!fields.Has("document"))
                return new GateSummaryEntry(Storage.GateSummary.OfMarkdown(snapshot, fields.String("markdown")));
            var document = fields.String("document");
            try
            {
                Reporting.RecordedGate.Read(document);
            }
            catch (InvalidDataException e)
            {
                throw Error(0, $"field 'document', which cannot be read ({e.Message})", $"the gate's {Reporting.GateJson.Schema} document, as `ledger gate --format json` writes it");
            }
            return new GateSummaryEntry(Storage.GateSummary.OfDocument(snapshot, document));
        }

        private RunEntry Run(Fields fields)
        {
            var compute = fields.Object("compute");
            var sourceName = compute.String("source");
            var source = ComputeSourceNames.FromName(sourceName) ?? throw Error(0, $"compute source '{sourceName}'", "compute-column, step-x-gpu-hours-per-step or runtime-x-gpus");
            CurvePoint[] points;
            try
            {
                points = PointEncoding.FromBytes(fields.Bytes("points"));
            }
            catch (FormatException e)
            {
                throw Error(0, $"points that do not decode ({e.Message})", "base64 of the ledger's point encoding");
            }
            if (points.Length != fields.Int32("pointCount"))
                throw Error(0, $"{points.Length} points where pointCount says {fields.Int32("pointCount")}", "pointCount points");
            var run = new StoredRun(fields.String("digest"), fields.String("recipe"), fields.String("runName"), fields.String("sourcePath"), fields.String("format"),
                new ComputeMapping(source, compute.String("column"), compute.Double("scale")), fields.String("rewardColumn"), points, fields.Strings("tags"),
                fields.String("firstSeenCommit"), fields.Time("firstSeenTime"));
            if (RunDigest.Compute(run) != run.Digest)
                throw Error(0, $"run {run.Digest}, whose content has another digest", "a run whose recipe, compute mapping and points give its digest: this one was changed");
            if (!_runs.Add(run.Digest))
                throw Error(0, $"run {run.Digest} a second time", "each run once");
            return new RunEntry(run);
        }

        private SnapshotEntry Snapshot(Fields fields)
        {
            var id = fields.Int64("id");
            if (id < 1 || (_snapshots.Count > 0 && id <= _snapshots.Max()))
                throw Error(0, $"snapshot id {id}", "snapshot ids from 1 up, each higher than the one before");
            var (commit, branch) = (fields.String("commit"), fields.String("branch"));
            if (!_builds.Add((commit, branch)))
                throw Error(0, $"a second snapshot of {branch}@{commit}", "one snapshot per commit and branch");
            var recipes = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var entry in fields.Array("recipes"))
            {
                var recipe = entry.String("recipe");
                var runs = entry.Strings("runs");
                if (runs.FirstOrDefault(digest => !_runs.Contains(digest)) is { } unknown)
                    throw Error(0, $"snapshot {id} naming run {unknown}", "runs given on earlier lines");
                if (!recipes.TryAdd(recipe, runs))
                    throw Error(0, $"recipe '{recipe}' twice in snapshot {id}", "each recipe once");
            }
            _snapshots.Add(id);
            return new SnapshotEntry(new Snapshot(id, commit, branch, fields.Time("time"), recipes));
        }

        private long Snapshot(Fields fields, string name)
        {
            var id = fields.Int64(name);
            return _snapshots.Contains(id) ? id : throw Error(0, $"{name} {id}, a snapshot no earlier line gives", "a snapshot given on an earlier line");
        }

        private static StoredFit Fit(Fields fields) => new(
            fields.String("recipe"), fields.String("model"), fields.String("optionsDigest"), fields.String("fitterVersion"), fields.String("inputDigest"),
            fields.Array("parameters").Select(p => new StoredParameter(p.String("name"), p.Double("value"), p.Double("standardError"), p.Double("lower"), p.Double("upper"))).ToArray(),
            fields.String("status"), fields.NullableString("reason"), fields.Double("rSquared"), fields.Double("rmse"), fields.Double("sse"), fields.Int32("n"),
            fields.String("payloadJson"));

        private VerdictEntry Verdict(Fields fields)
        {
            var snapshotId = Snapshot(fields, "snapshotId");
            long? baseline = fields.IsNull("baselineSnapshotId") ? null : Snapshot(fields, "baselineSnapshotId");
            return new VerdictEntry(new StoredVerdict(snapshotId, fields.String("recipe"), fields.String("verdict"), baseline, fields.NullableDouble("deltaA"),
                fields.NullableDouble("lower"), fields.NullableDouble("upper"), fields.Boolean("regimeChange"), fields.NullableString("reason")));
        }

        private static GateFact GateFact(Fields fact) =>
            new(fact.String("runSet"), fact.Strings("sources"), fact.NullableString("baselineFit"), fact.IsNull("regimeChange") ? null : fact.Boolean("regimeChange"));

        private ReadFileEntry ReadFile(Fields fields)
        {
            var runs = fields.Array("runs").Select(run => new RecordedRun(run.String("recipe"), run.String("digest"), run.Strings("warnings"))).ToList();
            if (runs.FirstOrDefault(run => !_runs.Contains(run.Digest)) is { } unknown)
                throw Error(0, $"a read record naming run {unknown.Digest}", "runs given on earlier lines");
            return new ReadFileEntry(new ReadFileRecord(fields.String("key"), runs));
        }

        public LedgerInputException Error(int column, string found, string expected) =>
            new(ErrorCodes.MalformedExport, new SourceLocation(file, Line, column), found, expected);
    }

    /// <summary>Typed fields of one JSON object; a missing or mistyped field is LEDGER141 naming it.</summary>
    private sealed class Fields(JsonElement element, ReadState state)
    {
        public string String(string name) => Get(name, JsonValueKind.String).GetString()!;

        public string? NullableString(string name) => IsNull(name) ? null : String(name);

        public long Int64(string name) => Get(name, JsonValueKind.Number).TryGetInt64(out var value) ? value : throw Wrong(name, "a whole number");

        public int Int32(string name) => Get(name, JsonValueKind.Number).TryGetInt32(out var value) ? value : throw Wrong(name, "a whole number");

        public bool Boolean(string name) => Property(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Wrong(name, "true or false"),
        };

        public bool IsNull(string name) => Property(name).ValueKind == JsonValueKind.Null;

        public bool Has(string name) => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out _);

        /// <summary>A double to the bit: a JSON number, or "NaN", "Infinity", "-Infinity".</summary>
        public double Double(string name)
        {
            var value = Property(name);
            return value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetDouble(out var number) => number,
                JsonValueKind.String => value.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => throw Wrong(name, "a number, or \"NaN\", \"Infinity\", \"-Infinity\""),
                },
                _ => throw Wrong(name, "a number"),
            };
        }

        public double? NullableDouble(string name) => IsNull(name) ? null : Double(name);

        public DateTimeOffset Time(string name) =>
            DateTimeOffset.TryParseExact(String(name), "o", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw Wrong(name, "a time in ISO 8601 with its offset, such as 2026-05-01T12:00:00.0000000+00:00");

        public byte[] Bytes(string name) => Get(name, JsonValueKind.String).TryGetBytesFromBase64(out var bytes) ? bytes : throw Wrong(name, "base64");

        public string[] Strings(string name) =>
            Get(name, JsonValueKind.Array).EnumerateArray()
                .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Wrong(name, "an array of strings"))
                .ToArray();

        public Fields Object(string name) => new(Get(name, JsonValueKind.Object), state);

        public IEnumerable<Fields> Array(string name)
        {
            return Get(name, JsonValueKind.Array).EnumerateArray()
                .Select(item => item.ValueKind == JsonValueKind.Object ? new Fields(item, state) : throw Wrong(name, "an array of objects"))
                .ToList();
        }

        private JsonElement Get(string name, JsonValueKind kind)
        {
            var value = Property(name);
            return value.ValueKind == kind ? value : throw Wrong(name, $"a value of JSON type {kind.ToString().ToLowerInvariant()}");
        }

        private JsonElement Property(string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
                ? value
                : throw state.Error(0, $"no field '{name}'", $"the fields of {ExportFormat.Schema} (README: ledger export)");

        private LedgerInputException Wrong(string name, string expected) => state.Error(0, $"field '{name}' = {Shown(Property(name))}", expected);

        private static string Shown(JsonElement value)
        {
            var text = value.GetRawText();
            return text.Length <= 40 ? text : text[..40] + "...";
        }
    }
}
