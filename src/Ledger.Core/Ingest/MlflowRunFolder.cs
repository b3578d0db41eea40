using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// An MLflow file-store run folder (<c>mlruns/&lt;experiment id&gt;/&lt;run id&gt;/</c>), read as one log. Each metric is a
/// file <c>metrics/&lt;key&gt;</c> (a key with / is nested folders: <c>metrics/eval/reward</c>) of
/// <see cref="MlflowMetricFile">timestamp, value, step lines</see>. The reward is metric RewardColumn (default
/// 'reward'); compute is metric ComputeColumn (default 'compute') at the same step when that file exists, else step x
/// GpuHoursPerStep.
/// Names: the run is tag <c>mlflow.runName</c>, else <c>run_name</c> in meta.yaml, else the folder name (the run id).
/// The recipe is the Recipe option, else a tag <c>recipe</c>, else the run name: the folder that holds a run folder
/// is an experiment id, a number that names no recipe.
/// </summary>
internal static class MlflowRunFolder
{
    private const string MetricsFolder = "metrics";
    private const string MetaFile = "meta.yaml";
    private const string Step = "step";

    public static bool Is(string folder) =>
        Directory.Exists(Path.Combine(folder, MetricsFolder)) && File.Exists(Path.Combine(folder, MetaFile));

    public static PreparedLog Read(string folder, ReadOptions options)
    {
        var rewardKey = options.RewardColumn ?? ColumnResolver.DefaultReward;
        var rewardFile = MetricFile(folder, rewardKey) ?? throw MissingMetric(folder, rewardKey,
            options.RewardColumn is null ? "the reward; RewardColumn names another" : "as RewardColumn says");
        var computeKey = options.ComputeColumn ?? ColumnResolver.DefaultCompute;
        var computeFile = MetricFile(folder, computeKey);
        if (computeFile is null && options.ComputeColumn is not null)
            throw MissingMetric(folder, computeKey, "as ComputeColumn says");

        var mapping = computeFile is null
            ? StepAxis.Resolve(folder, 0, options, Step, "an MLflow run",
                $"; or a metric '{ColumnResolver.DefaultCompute}', or ComputeColumn naming a metric logged at the same steps")
            : ComputeMapping.FromColumn(computeKey);
        var rewards = MlflowMetricFile.Read(rewardFile);
        var computeAt = computeFile is null ? [] : ComputeByStep(computeFile, computeKey);
        var rows = rewards.Select(m => new LogRow(m.Step.Line, [m.Step, m.Value, computeFile is null ? null : computeAt.GetValueOrDefault(StepOf(m))]))
            .ToList();
        var columns = computeFile is null ? new[] { Step, rewardKey } : [Step, rewardKey, computeKey];
        var warnings = computeFile is not null && (options.GpuHoursPerStep is not null || options.Gpus is not null)
            ? [$"GpuHoursPerStep and Gpus are ignored: compute comes from metric '{computeKey}'"]
            : Array.Empty<string>();
        var plan = new ColumnPlan(Reward: 1, ComputeSource: computeFile is null ? 0 : 2, mapping, Step: 0, Run: null, Recipe: null, warnings);
        return new PreparedLog(new MemoryLogTable(columns, 0, rows), plan, Names(folder));
    }

    private static Dictionary<double, LogCell?> ComputeByStep(string computeFile, string computeKey)
    {
        var computeAt = new Dictionary<double, LogCell?>();
        var lineOf = new Dictionary<double, int>();
        foreach (var metric in MlflowMetricFile.Read(computeFile))
        {
            var step = StepOf(metric);
            if (!lineOf.TryAdd(step, metric.Value.Line))
                throw InputErrors.At(ErrorCodes.DuplicateCompute, computeFile, metric.Value.Line, metric.Value.Column,
                    $"metric '{computeKey}' a second time at step {InputErrors.FormatNumber(step)} (also on line {lineOf[step]})",
                    "one compute value per step");
            computeAt[step] = metric.Value;
        }
        return computeAt;
    }

    private static double StepOf(MlflowMetric metric) => CellNumbers.Parse(metric.Step.File!, metric.Step, Step);

    /// <summary>The file of a metric key, or null. A key that would climb out of metrics/ names no metric.</summary>
    private static string? MetricFile(string folder, string key)
    {
        var parts = key.Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
            return null;
        var file = Path.Combine([folder, MetricsFolder, .. parts]);
        return File.Exists(file) ? file : null;
    }

    private static RunNames Names(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var run = Tag(full, "mlflow.runName") ?? MetaRunName(full) ?? Path.GetFileName(full);
        return new RunNames(Tag(full, "recipe") ?? run, run, NamedByPath: false);
    }

    private static string? Tag(string folder, string name)
    {
        var file = Path.Combine(folder, "tags", name);
        return File.Exists(file) ? NonEmpty(string.Join(" ", TextLines(file).Select(l => l.Text)).Trim()) : null;
    }

    /// <summary>The <c>run_name:</c> line of meta.yaml: a flat YAML file MLflow writes itself, so no YAML parser is needed.</summary>
    private static string? MetaRunName(string folder)
    {
        const string prefix = "run_name:";
        var line = TextLines(Path.Combine(folder, MetaFile)).Select(l => l.Text).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : NonEmpty(line[prefix.Length..].Trim().Trim('\'', '"'));
    }

    private static List<TextLine> TextLines(string file)
    {
        using var reader = new Utf8LineReader(file, LogFile.OpenRead(file));
        return reader.ReadLines().ToList();
    }

    private static string? NonEmpty(string text) => text.Length > 0 ? text : null;

    private static LedgerInputException MissingMetric(string folder, string key, string why)
    {
        var metrics = Path.Combine(folder, MetricsFolder);
        var keys = Directory.EnumerateFiles(metrics, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(metrics, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        return InputErrors.InFile(ErrorCodes.MissingColumn, folder, $"the metrics {InputErrors.ListColumns(keys)}",
            $"a metric '{key}' ({why}), the file {MetricsFolder}/{key}");
    }
}
