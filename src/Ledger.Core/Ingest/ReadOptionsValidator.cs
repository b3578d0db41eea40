using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>Refuses option values that cannot mean anything, before any file is opened.</summary>
internal static class ReadOptionsValidator
{
    public static void Validate(ReadOptions options, string path)
    {
        RequirePositive(path, nameof(ReadOptions.GpuHoursPerStep), options.GpuHoursPerStep, "GPU-hours per step");
        RequirePositive(path, nameof(ReadOptions.Gpus), options.Gpus, "GPUs");
        if (options.GpuHoursPerStep is not null && options.Gpus is not null)
            throw Invalid(path, "both GpuHoursPerStep and Gpus", "at most one of them: a log's compute comes from steps or from runtime, not both");
        RequireText(path, nameof(ReadOptions.Recipe), options.Recipe);
        RequireText(path, nameof(ReadOptions.RecipeColumn), options.RecipeColumn);
        RequireText(path, nameof(ReadOptions.RunColumn), options.RunColumn);
        RequireText(path, nameof(ReadOptions.ComputeColumn), options.ComputeColumn);
        RequireText(path, nameof(ReadOptions.RewardColumn), options.RewardColumn);
        RequireText(path, nameof(ReadOptions.StepColumn), options.StepColumn);
        RequireText(path, nameof(ReadOptions.RuntimeColumn), options.RuntimeColumn);
        if (options.Format is { } format && !LogFormats.IsKnown(format))
            throw Invalid(path, $"Format = {InputErrors.Quote(format)}", $"one of {string.Join(", ", LogFormats.Names)}");
        ValidateRecipeRule(options, path);
    }

    /// <summary>Each of these names the recipe its own way: two of them would contradict each other.</summary>
    private static void ValidateRecipeRule(ReadOptions options, string path)
    {
        RequireText(path, nameof(ReadOptions.RecipePattern), options.RecipePattern);
        if (options.RecipeFrom is { } from && !string.Equals(from, ReadOptions.RecipeFromRun, StringComparison.OrdinalIgnoreCase))
            throw Invalid(path, $"RecipeFrom = {InputErrors.Quote(from)}", $"'{ReadOptions.RecipeFromRun}' (every run its own recipe), or no value for the usual rule");
        var given = new (string Name, object? Value)[]
            {
                (nameof(ReadOptions.Recipe), options.Recipe), (nameof(ReadOptions.RecipeColumn), options.RecipeColumn),
                (nameof(ReadOptions.RecipeFrom), options.RecipeFrom), (nameof(ReadOptions.RecipePattern), options.RecipePattern),
            }
            .Where(option => option.Value is not null)
            .Select(option => option.Name)
            .ToList();
        if (given.Count > 1)
            throw Invalid(path, $"{string.Join(", ", given[..^1])} and {given[^1]} together",
                "at most one of Recipe, RecipeColumn, RecipeFrom and RecipePattern: each names the recipe its own way");
        if (options.RecipePattern is { } pattern)
            RecipePattern.Parse(pattern, path);
    }

    private static void RequirePositive(string path, string name, double? value, string unit)
    {
        if (value is { } v && !(double.IsFinite(v) && v > 0))
            throw Invalid(path, $"{name} = {InputErrors.FormatNumber(v)}", $"a positive, finite number of {unit}");
    }

    private static void RequireText(string path, string name, string? value)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
            throw Invalid(path, $"{name} = {InputErrors.Quote(value)}", "a name, or no value to use the default");
    }

    private static LedgerInputException Invalid(string path, string found, string expected) =>
        InputErrors.InFile(ErrorCodes.InvalidOption, path, found, expected);
}
