using Ledger.Core.Reporting;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// `ledger report`: renders the ledger as self-contained HTML pages (an index, one page per snapshot, one per
/// recipe) and, when a gate recorded its summary, summary.md. Reads the ledger and never writes to it: fits it does
/// not hold are computed on the fly, as for history. Every file goes through <see cref="OutputFolder"/>: the pages
/// are rendered beside the report folder and swapped in whole at the end, so the folder never holds two renders mixed.
/// </summary>
public static class ReportUseCase
{
    /// <exception cref="Diagnostics.LedgerInputException">
    /// The output or template folder is unusable, a template is broken, or the folder holds a file of the report's
    /// names that Ledger did not write (LEDGER131, unless <see cref="ReportRequest.Force"/>).
    /// </exception>
    /// <param name="progress">Shown the pages as they are rendered.</param>
    public static ReportOutcome Run(ReportRequest request, ILedgerStore store, StepProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);

        // Check the user's folders before the (slow) fits, so a typo fails at once.
        var templates = new ReportTemplates(request.TemplateDirectory);
        using var output = new OutputFolder(request.OutputDirectory, request.Force);

        var (data, fits, gateBands, summary) = ReportInputs.Read(store, request.Branch, request.Commit, request.Fit, request.Recipe);
        var snapshots = data.Snapshots;
        // The all-recipes plot and the steps read no store and nothing of each other: drawn on the other cores while this
        // thread lays out the rest, where the report ran on one core alone.
        var drawingAllRecipes = Task.Run(() => new AllRecipesPlot(fits, request.Fit));
        var baselineBranch = request.Branch ?? Baselines.DefaultBranch;
        var findingSteps = Task.Run(() => ReportSteps.Of(data, baselineBranch, request.Fit, request.AllowList ?? Gating.AllowList.Empty));

        var indexPages = IndexPageModel.Build(data, summary is not null, baselineBranch).ToList();
        var compared = new ComparedFits(data);
        // Each forest plot shades the tolerance its snapshot's gate tested with; where no gate says (none ran, or an older
        // Ledger kept only its Markdown), the one this report is given.
        var given = new ToleranceBand(request.Fit.Tolerance, request.LowerIsBetter);
        var bands = gateBands.ToDictionary(band => band.Key, band => band.Value ?? given);
        var sections = new RecipeSections(fits, request.Fit, templates, compared);
        var allRecipes = drawingAllRecipes.GetAwaiter().GetResult();
        var steps = findingSteps.GetAwaiter().GetResult();
        var pages = new List<ReportPage>();
        pages.AddRange(indexPages.Select(page => new ReportPage(ReportFileNames.Index(page.Page), "index.html.sbn", () => page)));
        pages.AddRange(snapshots.Select(snapshot => new ReportPage(ReportFileNames.Snapshot(snapshot.Id), "snapshot.html.sbn",
            () => SnapshotPageModel.Build(snapshot, data, sections.For(data.RowsOf(snapshot.Id)), compared, bands.GetValueOrDefault(snapshot.Id, given)))));
        pages.AddRange(snapshots.Select(snapshot => new ReportPage(ReportFileNames.Curves(snapshot.Id), "curves.html.sbn",
            () => AllRecipesPageModel.Build(snapshot, data, allRecipes))));
        pages.AddRange(data.RowsByRecipe.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ReportPage(ReportFileNames.Recipe(r.Key), "recipe.html.sbn",
            () => RecipePageModel.Build(r.Key, r.Value, data, steps.GetValueOrDefault(r.Key)))));
        ReportPages.Write(pages, output, templates, progress?.Invoke("rendered", "pages"));
        var files = pages.Select(page => page.File).ToList();
        // summary.md is rendered from the newest gate's kept document, word for word what `ledger gate --format markdown` printed.
        if (summary is not null)
        {
            output.Write(ReportFileNames.Summary, GateMarkdown.Of(summary));
            files.Add(ReportFileNames.Summary);
        }
        output.Publish();
        return new ReportOutcome(output.Root, files, snapshots.Count, data.RowsByRecipe.Count);
    }
}
