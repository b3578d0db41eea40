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

    public static ColumnPlan Resolve(string path, LogTable table, ReadOptions options)
    {
        var columns = new Columns(path, table);
        var reward = columns.Require(options.RewardColumn ?? DefaultReward,
            options.RewardColumn is null ? "the reward column; RewardColumn names another" : "as RewardColumn says");
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
            return (columns.Require(computeName, "as ComputeColumn says"), ComputeMapping.FromColumn(computeName));
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
            $"no compute column among {InputErrors.ListColumns(columns.Table.Columns)}",
            "one of: " + string.Join("; or ", fixes));
    }

    /// <summary>A log's columns with the path, so that a missing one can be reported with the ones that exist.</summary>
    private sealed record Columns(string Path, LogTable Table)
    {
        public int Require(string name, string why) =>
            Table.IndexOf(name) ?? throw Missing($"a column named '{name}'", $"({why})");

        public LedgerInputException Missing(string what, string why) =>
            InputErrors.At(ErrorCodes.MissingColumn, Path, Table.HeaderLine, 1,
                $"the columns {InputErrors.ListColumns(Table.Columns)}", $"{what} {why}");
    }
}
