using System.CommandLine;
using Ledger.Core.Ingest;

namespace Ledger.Cli;

/// <summary>The options that say how to read run logs, shared by every verb that reads them.</summary>
internal sealed class ReadOptionsBinder
{
    private readonly Option<string?> _recipe = new("--recipe") { Description = "Recipe name for every log read (default: a 'recipe' column, else the folder that holds the log)." };
    private readonly Option<string?> _recipeFrom = new("--recipe-from")
    {
        Description = "'run': every run is its own recipe, named as the file names the run (a W&B chart column's run, a wide column, a run column's value).",
    };
    private readonly Option<string?> _recipePattern = new("--recipe-pattern")
    {
        Description = "A regular expression with a group named 'recipe': the recipe is what it matches in each run's name (in the path for a one-run file), " +
                      "so grpo-b512-seed1 and grpo-b512-seed2 are two seeds of recipe grpo-b512 with '^(?<recipe>.+)-seed[0-9]+$'.",
    };
    private readonly Option<string?> _recipeColumn = new("--recipe-column") { Description = "Column that names each row's recipe (default: 'recipe' when present)." };
    private readonly Option<string?> _runColumn = new("--run-column") { Description = "Column that names each row's run, splitting a file into runs (default: 'run' when present)." };
    private readonly Option<string?> _computeColumn = new("--compute-column") { Description = "Column holding RL compute in GPU-hours (default: 'compute')." };
    private readonly Option<string?> _rewardColumn = new("--reward-column") { Description = "Column holding the metric to fit (default: 'reward'), e.g. 'eval/reward'." };
    private readonly Option<string?> _stepColumn = new("--step-column") { Description = "Column holding the training step (default: step, _step, Step or global_step)." };
    private readonly Option<string?> _runtimeColumn = new("--runtime-column") { Description = "Column holding runtime in seconds (default: '_runtime')." };
    private readonly Option<double?> _gpuHoursPerStep = new("--gpu-hours-per-step") { Description = "Without a compute column: compute = step x this." };
    private readonly Option<double?> _gpus = new("--gpus") { Description = "Without a compute column: compute = runtime seconds x this / 3600." };
    private readonly Option<string?> _format = new("--input-format")
    {
        Description = $"Run-log format when detection should not decide: {string.Join(", ", RunLogReader.FormatNames)}. " +
                      "Detected by default from the file name, the header, or an MLflow run folder's shape.",
    };

    public ReadOptionsBinder() => _recipeFrom.AcceptOnlyFromAmong(ReadOptions.RecipeFromRun);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _recipe, _recipeFrom, _recipePattern, _recipeColumn, _runColumn, _computeColumn, _rewardColumn, _stepColumn, _runtimeColumn, _gpuHoursPerStep, _gpus, _format })
        {
            command.Options.Add(option);
        }
    }

    public ReadOptions Bind(ParseResult parsed) => new()
    {
        Recipe = parsed.GetValue(_recipe),
        RecipeFrom = parsed.GetValue(_recipeFrom),
        RecipePattern = parsed.GetValue(_recipePattern),
        RecipeColumn = parsed.GetValue(_recipeColumn),
        RunColumn = parsed.GetValue(_runColumn),
        ComputeColumn = parsed.GetValue(_computeColumn),
        RewardColumn = parsed.GetValue(_rewardColumn),
        StepColumn = parsed.GetValue(_stepColumn),
        RuntimeColumn = parsed.GetValue(_runtimeColumn),
        GpuHoursPerStep = parsed.GetValue(_gpuHoursPerStep),
        Gpus = parsed.GetValue(_gpus),
        Format = parsed.GetValue(_format),
    };
}
