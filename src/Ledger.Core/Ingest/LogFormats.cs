using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// The run-log formats this reader knows, and how a log's format is chosen. The rules are applied in this order and
/// look at nothing else, so the choice is deterministic and can be explained:
/// <list type="number">
/// <item>the Format option, when given, always wins;</item>
/// <item>a folder holding <c>metrics/</c> and <c>meta.yaml</c> is an MLflow run folder (<see cref="MlflowRun"/>);</item>
/// <item>a file named <c>trainer_state.json</c> is a Hugging Face trainer state (<see cref="TrainerState"/>);</item>
/// <item>.jsonl and .ndjson are JSON Lines; .csv, .tsv and .txt are CSV, told apart by the header's shape
/// (<see cref="FromHeader"/>).</item>
/// </list>
/// The wide layout (<see cref="Wide"/>) is never detected: a header <c>Step,a,b</c> is just as likely a plain log
/// with a step column and two metrics.
/// </summary>
internal static class LogFormats
{
    public const string Csv = "csv";
    public const string JsonLines = "jsonl";
    /// <summary>W&amp;B chart CSV export: <c>Step</c>, then <c>&lt;run&gt; - &lt;metric&gt;</c> columns with their __MIN/__MAX bands.</summary>
    public const string WandbChart = "wandb-chart";
    /// <summary>One run per column: <c>Step,&lt;run&gt;,&lt;run&gt;,...</c>; only by the Format option.</summary>
    public const string Wide = "wide";
    /// <summary>MLflow metric history CSV: rows of <c>key,value,step,timestamp</c> (and often <c>run_id</c>).</summary>
    public const string MlflowMetrics = "mlflow-metrics";
    /// <summary>An MLflow file-store run folder: <c>metrics/&lt;key&gt;</c> files of <c>&lt;timestamp&gt; &lt;value&gt; &lt;step&gt;</c> lines.</summary>
    public const string MlflowRun = "mlflow-run";
    /// <summary>TensorBoard scalar CSV download: <c>Wall time,Step,Value</c>.</summary>
    public const string TensorBoard = "tensorboard";
    /// <summary>Hugging Face Trainer's <c>trainer_state.json</c>, read from its <c>log_history</c>.</summary>
    public const string TrainerState = "hf-trainer-state";

    public const string TrainerStateFileName = "trainer_state.json";

    private static readonly Dictionary<string, string> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = Csv, ["tsv"] = Csv, ["txt"] = Csv, ["jsonl"] = JsonLines, ["ndjson"] = JsonLines,
        [WandbChart] = WandbChart, [Wide] = Wide, [MlflowMetrics] = MlflowMetrics, [MlflowRun] = MlflowRun,
        [TensorBoard] = TensorBoard, [TrainerState] = TrainerState,
    };

    private static readonly string[] TensorBoardColumns = ["Wall time", "Step", "Value"];
    private static readonly string[] MlflowMetricsColumns = ["key", "value", "step", "timestamp"];

    /// <summary>Every name the Format option accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ByName.Keys.ToList();

    /// <summary>
    /// The extensions a folder is searched for. Not .txt: a folder of runs often holds notes, so a .txt log is read
    /// only when named or globbed. Not trainer_state.json either: every checkpoint folder holds a copy of the history
    /// so far, so a folder would yield the same run many times; name the one to read.
    /// </summary>
    public static IReadOnlyList<string> FolderExtensions { get; } = [".csv", ".tsv", ".jsonl", ".ndjson"];

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>The format a Format option value stands for (tsv and txt are csv, ndjson is jsonl).</summary>
    public static string Canonical(string name) => ByName[name];

    /// <summary>The format of a file by its name: trainer_state.json, else its extension (CSV ones are refined by <see cref="FromHeader"/>).</summary>
    public static string FromFileName(string path)
    {
        if (string.Equals(Path.GetFileName(path), TrainerStateFileName, StringComparison.OrdinalIgnoreCase))
            return TrainerState;
        var extension = Path.GetExtension(path).TrimStart('.');
        return ByName.TryGetValue(extension, out var format) && format is Csv or JsonLines
            ? format
            : throw InputErrors.InFile(ErrorCodes.UnknownFormat, path,
                extension.Length == 0 ? "a file name without an extension" : $"the extension '.{extension}'",
                $"a .csv, .tsv, .txt, .jsonl or .ndjson file, a {TrainerStateFileName}, or the Format option ({string.Join(", ", Names)})");
    }

    /// <summary>
    /// The format a CSV header read as a plain log probably is, for an error to suggest: every column after the first
    /// holds " - " (a W&amp;B chart export whose x column is not <c>Step</c>, such as <c>Relative Time (Process)</c>), or
    /// the first column is a step column and no column is a plain log's compute or reward (the wide layout,
    /// <c>Step,0.6b,14b,...</c>); else null.
    /// </summary>
    public static string? Resembles(IReadOnlyList<string> columns)
    {
        if (columns.Count < 2)
            return null;
        if (columns.Skip(1).All(c => c.Contains(WandbChartColumn.Separator, StringComparison.Ordinal)))
            return WandbChart;
        var plainLog = columns.Any(c => c is ColumnResolver.DefaultCompute or ColumnResolver.DefaultReward);
        return !plainLog && ColumnResolver.DefaultSteps.Contains(columns[0], StringComparer.OrdinalIgnoreCase) ? Wide : null;
    }

    /// <summary>
    /// The format of a CSV file by its header: exactly <c>Wall time,Step,Value</c> is TensorBoard; columns key, value,
    /// step and timestamp (in any order, among others) are MLflow metric history; <c>Step</c> followed only by columns
    /// containing " - " is a W&amp;B chart export; anything else is a plain CSV log read by column mapping.
    /// </summary>
    public static string FromHeader(IReadOnlyList<string> columns)
    {
        if (columns.SequenceEqual(TensorBoardColumns, StringComparer.Ordinal))
            return TensorBoard;
        if (MlflowMetricsColumns.All(c => columns.Contains(c, StringComparer.Ordinal)))
            return MlflowMetrics;
        if (columns.Count >= 2 && columns[0] == "Step" && columns.Skip(1).All(c => c.Contains(WandbChartColumn.Separator, StringComparison.Ordinal)))
            return WandbChart;
        return Csv;
    }
}
