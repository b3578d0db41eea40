using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// How a run's recipe is named (PRODUCT.md section 3), decided once per run: the Recipe option; else, with RecipeFrom
/// 'run', the run's own name; else, with RecipePattern, what its group 'recipe' matches in the run's name (or in the
/// log's path, for a run named after its file); else a recipe column; else the log's default (its folder).
/// </summary>
internal sealed class RecipeRule(string path, ReadOptions options)
{
    private readonly System.Text.RegularExpressions.Regex? pattern =
        options.RecipePattern is { } text ? RecipePattern.Parse(text, path) : null;

    /// <summary>Whether a recipe column takes part: the Recipe option names every run's recipe, RecipeFrom and RecipePattern name it from the run.</summary>
    public bool UsesRecipeColumn => options.Recipe is null && options.RecipeFrom is null && pattern is null;

    /// <param name="run">The run's name.</param>
    /// <param name="runCell">Where the file writes the run's name; null when the run is named by <paramref name="names"/>.</param>
    /// <param name="columnRecipe">The recipe column's value on the run's first row, if a recipe column takes part.</param>
    /// <exception cref="LedgerInputException">LEDGER129: the pattern does not match the run.</exception>
    public string RecipeOf(string run, LogCell? runCell, RunNames names, string? columnRecipe)
    {
        if (options.Recipe is { } recipe)
            return recipe;
        if (options.RecipeFrom is not null)
            return run;
        if (pattern is null)
            return columnRecipe ?? names.Recipe;
        var byPath = runCell is null && names.NamedByPath;
        var subject = byPath ? Path.GetFullPath(path).Replace('\\', '/') : run;
        if (pattern.Match(subject) is { Success: true } match && match.Groups[RecipePattern.Group] is { Success: true, Length: > 0 } group)
            return group.Value;
        var shownPattern = InputErrors.QuoteName(options.RecipePattern!);
        var found = byPath
            ? $"the path {InputErrors.QuoteName(subject)} (run {InputErrors.QuoteName(run)} is named after its file), which RecipePattern {shownPattern} does not match"
            : $"the run {InputErrors.QuoteName(run)}, whose name RecipePattern {shownPattern} does not match";
        const string expected = "a RecipePattern whose group 'recipe' matches a non-empty part of every run's name (or of the path, for a run named after its file)";
        return runCell is { } cell
            ? throw InputErrors.At(ErrorCodes.RecipePatternNoMatch, cell.File ?? path, cell.Line, cell.Column, found, expected)
            : throw InputErrors.InFile(ErrorCodes.RecipePatternNoMatch, path, found, expected);
    }
}
