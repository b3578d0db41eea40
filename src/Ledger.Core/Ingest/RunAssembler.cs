using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// Turns a log's rows into runs: skips rows with a blank metric (W&amp;B logs a metric only on some rows) and says how
/// many, parses and checks each point, and splits the file by recipe and run in order of first appearance. A metric
/// value without a compute value is an error, never a silent skip. Within a run compute must rise strictly, or the
/// curve's x axis is not compute.
/// </summary>
internal sealed class RunAssembler(string path, string format, PreparedLog log, ReadOptions options)
{
    private const string WandbHistoryStep = "_step";
    private readonly LogTable table = log.Table;
    private readonly ColumnPlan plan = log.Plan;
    private readonly RecipeRule recipes = new(path, options);
    private readonly Dictionary<(string? ColumnRecipe, string Run), RunPoints> runs = new();
    private readonly List<RunPoints> order = [];

    public IReadOnlyList<RunLog> Assemble()
    {
        var rowCount = 0;
        var blankMetric = 0;
        // A run's rows mostly come together (a whole file is one run unless it names runs or recipes): the row's run is
        // then the one before it, found without hashing its names again, which a profile showed costing every row.
        (string? ColumnRecipe, string Run)? lastKey = null;
        RunPoints? run = null;
        foreach (var row in table.Rows())
        {
            rowCount++;
            if (row[plan.Reward] is not { IsBlank: false } rewardCell)
            {
                blankMetric++;
                continue;
            }
            var sourceCell = row[plan.ComputeSource] is { IsBlank: false } cell ? cell : throw MetricWithoutCompute(row, rewardCell);
            var compute = ComputeOf(sourceCell);
            var reward = CellNumbers.Parse(path, rewardCell, table.Columns[plan.Reward]);
            var runCell = plan.Run is { } runColumn && row[runColumn] is { IsBlank: false } named ? named : (LogCell?)null;
            var key = (ColumnRecipe: recipes.UsesRecipeColumn ? Label(row, plan.Recipe) : null, Run: runCell?.Text.Trim() ?? log.Names.Run);
            if (run is null || key != lastKey)
            {
                if (!runs.TryGetValue(key, out run))
                {
                    run = new RunPoints(recipes.RecipeOf(key.Run, runCell, log.Names, key.ColumnRecipe), key.Run);
                    runs.Add(key, run);
                    order.Add(run);
                }
                lastKey = key;
            }
            run.Add(path, new CurvePoint(compute, reward, StepOf(row)), sourceCell);
        }
        if (order.Count == 0)
            throw NoPoints(rowCount);
        var warnings = table.IndexOf(WandbHistoryStep) is null ? plan.Warnings : [.. plan.Warnings, .. DownSampling.Check(rowCount, "a W&B history")];
        if (blankMetric > 0)
            warnings = [.. warnings, SkippedRows(blankMetric)];
        return order.Select(r => new RunLog(r.Recipe, r.Name, path, format, plan.Compute, table.Columns[plan.Reward], r.Points, warnings))
            .ToList();
    }

    private double ComputeOf(LogCell sourceCell)
    {
        var column = table.Columns[plan.ComputeSource];
        var value = CellNumbers.Parse(path, sourceCell, column);
        var compute = plan.Compute.ToCompute(value);
        if (!double.IsFinite(compute))
            throw InputErrors.At(ErrorCodes.NonFiniteValue, sourceCell.File ?? path, sourceCell.Line, sourceCell.Column,
                $"{InputErrors.Quote(sourceCell.Text)} in column '{column}', which overflows when scaled to GPU-hours", "a finite compute");
        if (compute < 0)
            throw InputErrors.At(ErrorCodes.NegativeCompute, sourceCell.File ?? path, sourceCell.Line, sourceCell.Column,
                $"{InputErrors.Quote(sourceCell.Text)} in column '{column}'", "compute of 0 or more GPU-hours");
        return compute;
    }

    private double? StepOf(LogRow row) =>
        plan.Step is { } step && row[step] is { IsBlank: false } cell ? CellNumbers.Parse(path, cell, table.Columns[step]) : null;

    private static string? Label(LogRow row, int? column) =>
        column is { } c && row[c] is { IsBlank: false } cell ? cell.Text.Trim() : null;

    private string SkippedRows(int count) => log.RowPerCell
        ? $"skipped {count} blank '{table.Columns[plan.Reward]}' cells (steps at which a run logged no value)"
        : $"skipped {count} rows with a blank '{table.Columns[plan.Reward]}' (a metric logged on only some rows)";

    /// <summary>Points at the empty compute cell, or at the metric when the row has no compute cell at all (a JSON line without the key).</summary>
    private LedgerInputException MetricWithoutCompute(LogRow row, LogCell rewardCell)
    {
        var at = row[plan.ComputeSource] ?? rewardCell;
        var computeColumn = table.Columns[plan.ComputeSource];
        return InputErrors.At(ErrorCodes.MetricWithoutCompute, at.File ?? path, at.Line, at.Column,
            $"{InputErrors.Quote(rewardCell.Text)} in column '{table.Columns[plan.Reward]}' with no '{computeColumn}' value",
            $"a '{computeColumn}' value on every row that has a '{table.Columns[plan.Reward]}' value (rows with a blank metric are skipped)");
    }

    private LedgerInputException NoPoints(int rowCount)
    {
        var found = rowCount == 0
            ? "a header and no data rows"
            : $"{rowCount} rows, none with a '{table.Columns[plan.Reward]}' value";
        return InputErrors.At(ErrorCodes.NoPoints, path, table.HeaderLine, 1, found, "at least one row with a reward and a compute value");
    }

    /// <summary>The points of one run so far, and where its last compute came from for a clear error when the next one is out of order.</summary>
    private sealed class RunPoints(string recipe, string name)
    {
        private readonly List<CurvePoint> points = [];
        private int lastLine;

        public string Recipe => recipe;
        public string Name => name;
        public IReadOnlyList<CurvePoint> Points => points;

        public void Add(string path, CurvePoint point, LogCell computeCell)
        {
            if (points.Count > 0 && point.Compute <= points[^1].Compute)
            {
                var (code, found, expected) = point.Compute == points[^1].Compute
                    ? (ErrorCodes.DuplicateCompute, $"compute {InputErrors.FormatNumber(point.Compute)} a second time in run '{name}' (also on line {lastLine})",
                        "each compute value once per run")
                    : (ErrorCodes.DecreasingCompute, $"compute {InputErrors.FormatNumber(point.Compute)} after {InputErrors.FormatNumber(points[^1].Compute)} (line {lastLine}) in run '{name}'",
                        "compute that rises down the file within a run");
                throw InputErrors.At(code, computeCell.File ?? path, computeCell.Line, computeCell.Column, found, expected);
            }
            points.Add(point);
            lastLine = computeCell.Line;
        }
    }
}
