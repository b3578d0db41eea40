using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Matches <see cref="ReadOptions"/> to a log's columns (PRODUCT.md sections 3 and 4). A column the options name
/// must exist; a default column is used when present. Compute comes from a compute column, else step x
/// GPU-hours per step, else runtime seconds x GPUs / 3600.
/// </summary>
internal static class ColumnResolver
{
    public const string DefaultCompute = "compute";
    public const string DefaultReward = "reward";
    public const string DefaultRecipe = "recipe";
    public const string DefaultRun = "run";
    public const string DefaultRuntime = "_runtime";
    public static readonly IReadOnlyList<string> DefaultSteps = ["step", "_step", "Step", "global_step"];

    /// <param name="resembles">
    /// The export format the header looks like when the file is read as a plain log by detection (see
    /// <see cref="LogFormats.Resembles"/>): a missing reward or compute column then names the Format that reads it.
    /// </param>
    public static ColumnPlan Resolve(string path, LogTable table, ReadOptions options, string? resembles = null)
    {
        var columns = new Columns(path, table, FormatHint(resembles));
        var reward = columns.Require(options.RewardColumn ?? DefaultReward,
            options.RewardColumn is null ? "the reward column; RewardColumn names another" : "as RewardColumn says", hinted: true);
        var step = options.StepColumn is { } stepName
            ? columns.Require(stepName, "as StepColumn says")
            : DefaultSteps.Select(table.IndexOf).FirstOrDefault(i => i is not null);
        var runtime = options.RuntimeColumn is { } runtimeName
            ? columns.Require(runtimeName, "as RuntimeColumn says")
            : table.IndexOf(DefaultRuntime);
        var run = options.RunColumn is { } runName ? columns.Require(runName, "as RunColumn says") : table.IndexOf(DefaultRun);
        var recipe = options.RecipeColumn is { } recipeName
            ? columns.Require(recipeName, "as RecipeColumn says")
            : table.IndexOf(DefaultRecipe);

        var (source, mapping) = ResolveCompute(columns, options, step, runtime);
        var warnings = new List<string>();
        if (mapping.Source == ComputeSource.ComputeColumn && (options.GpuHoursPerStep is not null || options.Gpus is not null))
            warnings.Add($"GpuHoursPerStep and Gpus are ignored: compute comes from column '{mapping.Column}'");
        return new ColumnPlan(reward, source, mapping, step, run, recipe, warnings);
    }

    private static (int Source, ComputeMapping Mapping) ResolveCompute(Columns columns, ReadOptions options, int? step, int? runtime)
    {
        if (options.ComputeColumn is { } computeName)
            return (columns.Require(computeName, "as ComputeColumn says", hinted: true), ComputeMapping.FromColumn(computeName));
        if (columns.Table.IndexOf(DefaultCompute) is { } compute)
            return (compute, ComputeMapping.FromColumn(DefaultCompute));
        if (options.GpuHoursPerStep is { } gpuHoursPerStep)
        {
            var stepColumn = step ?? throw columns.Missing("a step column (step, _step, Step or global_step, or one named by StepColumn)",
                "to multiply by GpuHoursPerStep");
            return (stepColumn, ComputeMapping.FromSteps(columns.Table.Columns[stepColumn], gpuHoursPerStep));
        }
        if (options.Gpus is { } gpus)
        {
            var runtimeColumn = runtime ?? throw columns.Missing($"a runtime column in seconds ('{DefaultRuntime}', or one named by RuntimeColumn)",
                "to multiply by Gpus / 3600");
            return (runtimeColumn, ComputeMapping.FromRuntime(columns.Table.Columns[runtimeColumn], gpus));
        }
        throw NoMapping(columns, step, runtime);
    }

    private static LedgerInputException NoMapping(Columns columns, int? step, int? runtime)
    {
        var fixes = new List<string> { $"a '{DefaultCompute}' column in GPU-hours", "ComputeColumn naming one of the columns" };
        fixes.Add(step is { } s
            ? $"GpuHoursPerStep (to use step column '{columns.Table.Columns[s]}')"
            : "GpuHoursPerStep with a step column (step, _step, Step or global_step)");
        fixes.Add(runtime is { } r
            ? $"Gpus (to use runtime column '{columns.Table.Columns[r]}')"
            : $"Gpus with a runtime column in seconds ('{DefaultRuntime}')");
        return InputErrors.At(ErrorCodes.NoComputeMapping, columns.Path, columns.Table.HeaderLine, 1,
            $"no compute column among {InputErrors.ColumnsNear(DefaultCompute, columns.Table.Columns, fewPrefix: "")}",
            "one of: " + string.Join("; or ", fixes) + columns.Hint);
    }

    private static string FormatHint(string? resembles) => resembles switch
    {
        LogFormats.WandbChart => $"; or, as the header looks like a W&B chart export, Format '{LogFormats.WandbChart}' (--input-format {LogFormats.WandbChart})",
        LogFormats.Wide => $"; or, if every column after the first is a run, Format '{LogFormats.Wide}' (--input-format {LogFormats.Wide})",
        _ => "",
    };

    /// <summary>A log's columns with the path, so that a missing one can be reported with the ones nearest to it.</summary>
    /// <param name="Hint">The Format that would read the file, as the end of a sentence, or empty.</param>
    private sealed record Columns(string Path, LogTable Table, string Hint)
    {
        /// <param name="hinted">A missing reward or compute column: the Format that would read the file is worth naming.</param>
        public int Require(string name, string why, bool hinted = false) =>
            Table.IndexOf(name) ?? throw InputErrors.At(ErrorCodes.MissingColumn, Path, Table.HeaderLine, 1,
                InputErrors.ColumnsNear(name, Table.Columns), $"a column named '{name}' ({why}){(hinted ? Hint : "")}");

        public LedgerInputException Missing(string what, string why) =>
            InputErrors.At(ErrorCodes.MissingColumn, Path, Table.HeaderLine, 1,
                $"the columns {InputErrors.ListColumns(Table.Columns)}", $"{what} {why}");
    }
}
