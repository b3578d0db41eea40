namespace Ledger.Core.Ingest;

/// <summary>
/// How to read run logs. Every property is optional: defaults follow PRODUCT.md sections 3 and 4 (columns
/// <c>compute</c> and <c>reward</c>; recipe from an explicit name, else a <c>recipe</c> column, else the folder).
/// </summary>
public sealed record ReadOptions
{
    /// <summary>The one value of <see cref="RecipeFrom"/>: every run is its own recipe.</summary>
    public const string RecipeFromRun = "run";

    /// <summary>Recipe name for every run read; overrides a recipe column and the folder name.</summary>
    public string? Recipe { get; init; }

    /// <summary>
    /// <see cref="RecipeFromRun"/> makes every run its own recipe, named by the run's name as the file writes it (a run
    /// column's value, the run of a W&amp;B chart column, a wide column's header; for a one-run file, the file's name),
    /// for files that hold several recipes, one per run.
    /// </summary>
    public string? RecipeFrom { get; init; }

    /// <summary>
    /// A .NET regular expression with a group named <c>recipe</c>: a run's recipe is what that group matches in the
    /// run's name, or in the log's full path (with / between folders) when the run is named after its file, so that the
    /// seeds <c>grpo-b512-seed1</c> and <c>grpo-b512-seed2</c> group as recipe <c>grpo-b512</c>.
    /// </summary>
    public string? RecipePattern { get; init; }

    /// <summary>Column that names the recipe of each row (default <c>recipe</c>, used when present).</summary>
    public string? RecipeColumn { get; init; }

    /// <summary>
    /// Column that names the run of each row, splitting one file into several runs (default <c>run</c>, used when
    /// present; in MLflow metric history <c>run_id</c> first).
    /// </summary>
    public string? RunColumn { get; init; }

    /// <summary>
    /// Column holding compute in GPU-hours (default <c>compute</c>); in MLflow logs, the metric key logged at the same
    /// steps as the reward.
    /// </summary>
    public string? ComputeColumn { get; init; }

    /// <summary>
    /// Column holding the metric to fit (default <c>reward</c>); in MLflow logs the metric key, in a W&amp;B chart export
    /// the metric after " - " in the column names.
    /// </summary>
    public string? RewardColumn { get; init; }

    /// <summary>Column holding the training step (default: the first of <c>step</c>, <c>_step</c>, <c>Step</c>, <c>global_step</c>).</summary>
    public string? StepColumn { get; init; }

    /// <summary>Column holding wall-clock runtime in seconds (default <c>_runtime</c>).</summary>
    public string? RuntimeColumn { get; init; }

    /// <summary>Compute = step x this, when the log has no compute column.</summary>
    public double? GpuHoursPerStep { get; init; }

    /// <summary>Compute = runtime seconds x this / 3600, when the log has no compute column.</summary>
    public double? Gpus { get; init; }

    /// <summary>
    /// Format name: csv (or tsv, txt), jsonl (or ndjson), wandb-chart, wide, mlflow-metrics, mlflow-run, tensorboard or
    /// hf-trainer-state. Null means detect it, always the same way: an MLflow run folder by its shape (metrics/ and
    /// meta.yaml), trainer_state.json by its name, then the extension, then a CSV header's shape; wide is read only when
    /// named here.
    /// </summary>
    public string? Format { get; init; }
}
