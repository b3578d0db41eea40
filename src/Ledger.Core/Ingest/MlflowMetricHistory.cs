using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// MLflow metric history as CSV: one row per logged value, <c>key,value,step,timestamp</c>, often with <c>run_id</c>.
/// The points are the rows whose key is the reward (RewardColumn, default 'reward'), run by run (RunColumn, else
/// <c>run_id</c> or <c>run</c> when present). Compute is the value of the compute key (ComputeColumn, default
/// 'compute') logged at the same run and step, when rows with that key exist; else step x GpuHoursPerStep. A reward
/// with no compute value at its step is an error (LEDGER128), not a point dropped in silence.
/// </summary>
internal static class MlflowMetricHistory
{
    private const string Step = "step";
    private static readonly string[] RunIdColumns = ["run_id", ColumnResolver.DefaultRun];

    public static PreparedLog Read(string path, CsvLogTable csv, ReadOptions options)
    {
        var columns = new HeaderColumns(path, csv);
        var key = columns.Require("key", "(the metric key of each row)");
        var value = columns.Require("value", "(the value of each row)");
        var step = columns.Require(Step, "(the step of each row)");
        var run = options.RunColumn is { } runName
            ? columns.Require(runName, "(as RunColumn says)")
            : RunIdColumns.Select(csv.IndexOf).FirstOrDefault(i => i is not null);
        var recipe = options.RecipeColumn is { } recipeName
            ? columns.Require(recipeName, "(as RecipeColumn says)")
            : csv.IndexOf(ColumnResolver.DefaultRecipe);
        var rewardKey = options.RewardColumn ?? ColumnResolver.DefaultReward;
        var computeKey = options.ComputeColumn ?? ColumnResolver.DefaultCompute;

        var rows = csv.Rows().ToList();
        string KeyOf(LogRow row) => row[key] is { IsBlank: false } cell ? cell.Text.Trim() : "";
        var rewardRows = rows.Where(r => KeyOf(r) == rewardKey).ToList();
        var computeRows = rows.Where(r => KeyOf(r) == computeKey).ToList();
        if (rows.Count > 0 && rewardRows.Count == 0)
            throw MissingKey(path, csv, rows.Select(KeyOf), rewardKey,
                options.RewardColumn is null ? "the reward; RewardColumn names another" : "as RewardColumn says");
        if (rows.Count > 0 && computeRows.Count == 0 && options.ComputeColumn is not null)
            throw MissingKey(path, csv, rows.Select(KeyOf), computeKey, "as ComputeColumn says");

        var useComputeKey = computeRows.Count > 0;
        var mapping = useComputeKey
            ? ComputeMapping.FromColumn(computeKey)
            : StepAxis.Resolve(path, csv.HeaderLine, options, Step, "an MLflow metric history",
                $"; or rows with a '{ColumnResolver.DefaultCompute}' key, or ComputeColumn naming a key logged at the same steps");
        var computeAt = useComputeKey ? ComputeByRunAndStep(path, computeRows, step, value, run, computeKey) : [];

        // Columns of the reshaped table: step, reward, then compute, run and recipe where the log has them.
        var names = new List<string> { Step, rewardKey };
        int? AddColumn(bool present, string name)
        {
            if (!present)
                return null;
            names.Add(name);
            return names.Count - 1;
        }
        var computeIndex = AddColumn(useComputeKey, computeKey);
        var runIndex = AddColumn(run is not null, ColumnResolver.DefaultRun);
        var recipeIndex = AddColumn(recipe is not null, ColumnResolver.DefaultRecipe);
        var points = rewardRows.Select(row =>
        {
            var cells = new LogCell?[names.Count];
            cells[0] = row[step];
            cells[1] = row[value];
            if (computeIndex is { } c && StepOf(path, row, step) is { } s)
                cells[c] = computeAt.GetValueOrDefault((Label(row, run), s));
            if (runIndex is { } r)
                cells[r] = row[run!.Value];
            if (recipeIndex is { } k)
                cells[k] = row[recipe!.Value];
            return new LogRow(row.Line, cells);
        }).ToList();

        var warnings = useComputeKey && (options.GpuHoursPerStep is not null || options.Gpus is not null)
            ? [$"GpuHoursPerStep and Gpus are ignored: compute comes from key '{computeKey}'"]
            : Array.Empty<string>();
        var plan = new ColumnPlan(1, computeIndex ?? 0, mapping, 0, runIndex, recipeIndex, warnings);
        return new PreparedLog(new MemoryLogTable(names, csv.HeaderLine, points), plan, RunNames.ForFile(path));
    }

    private static Dictionary<(string Run, double Step), LogCell?> ComputeByRunAndStep(string path, List<LogRow> computeRows, int step,
        int value, int? run, string computeKey)
    {
        var computeAt = new Dictionary<(string, double), LogCell?>();
        var lineOf = new Dictionary<(string, double), int>();
        foreach (var row in computeRows)
        {
            if (StepOf(path, row, step) is not { } s)
                continue;
            var at = (Label(row, run), s);
            if (!lineOf.TryAdd(at, row.Line))
            {
                var cell = row[value] ?? row[step]!.Value;
                throw InputErrors.At(ErrorCodes.DuplicateCompute, path, cell.Line, cell.Column,
                    $"the key '{computeKey}' a second time at step {InputErrors.FormatNumber(s)} (also on line {lineOf[at]})",
                    "one compute value per run and step");
            }
            computeAt[at] = row[value];
        }
        return computeAt;
    }

    private static double? StepOf(string path, LogRow row, int step) =>
        row[step] is { IsBlank: false } cell ? CellNumbers.Parse(path, cell, Step) : null;

    private static string Label(LogRow row, int? column) =>
        column is { } c && row[c] is { IsBlank: false } cell ? cell.Text.Trim() : "";

    private static LedgerInputException MissingKey(string path, CsvLogTable csv, IEnumerable<string> keys, string wanted, string why) =>
        InputErrors.At(ErrorCodes.MissingColumn, path, csv.HeaderLine, 1,
            $"rows with the keys {InputErrors.ListColumns(keys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList())}",
            $"rows whose key is '{wanted}' ({why})");

    /// <summary>The header of the CSV, so that a missing column is reported with the ones that exist.</summary>
    private sealed record HeaderColumns(string Path, CsvLogTable Table)
    {
        public int Require(string name, string why) =>
            Table.IndexOf(name) ?? throw InputErrors.At(ErrorCodes.MissingColumn, Path, Table.HeaderLine, 1,
                $"the columns {InputErrors.ListColumns(Table.Columns)}", $"a column named '{name}' {why}");
    }
}
