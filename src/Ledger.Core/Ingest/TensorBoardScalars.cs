using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>
/// TensorBoard's scalar CSV download, <c>Wall time,Step,Value</c>: one run and one tag per file. TensorBoard names the
/// file <c>run-&lt;run&gt;-tag-&lt;tag&gt;.csv</c> (with / written as _), so the run name and the metric come from the
/// file name when it has that shape, else the run is the file name and the metric 'Value'. Compute is Step x
/// GpuHoursPerStep, or the wall time less its first value x Gpus / 3600 (the wall time is a Unix time, not a runtime).
/// </summary>
internal static partial class TensorBoardScalars
{
    private const string WallTime = "Wall time";
    private const string Step = "Step";
    private const string Value = "Value";

    public static PreparedLog Read(string path, CsvLogTable csv, ReadOptions options)
    {
        var wallTime = Require(path, csv, WallTime);
        var step = Require(path, csv, Step);
        var value = Require(path, csv, Value);
        var names = RunNames.ForFile(path);
        var metric = Value;
        if (DownloadName().Match(Path.GetFileNameWithoutExtension(path)) is { Success: true } match)
        {
            if (match.Groups["run"].Value != ".")
                names = names with { Run = match.Groups["run"].Value, NamedByPath = false };
            metric = match.Groups["tag"].Value;
            if (options.RewardColumn is { } reward && metric != reward.Replace('/', '_'))
                throw InputErrors.InFile(ErrorCodes.MissingColumn, path, $"the TensorBoard tag '{metric}' in the file name",
                    $"the tag '{reward.Replace('/', '_')}' (as RewardColumn says)");
        }
        var mapping = options switch
        {
            { GpuHoursPerStep: { } gpuHoursPerStep } => ComputeMapping.FromSteps(Step, gpuHoursPerStep),
            { Gpus: { } gpus } => ComputeMapping.FromElapsedWallTime(WallTime, gpus),
            _ => throw InputErrors.At(ErrorCodes.NoComputeMapping, path, csv.HeaderLine, 1, "a TensorBoard scalar export without a compute column",
                $"GpuHoursPerStep (to use column '{Step}'); or Gpus (to use column '{WallTime}', in seconds since the first row)"),
        };

        double? firstWallTime = null;
        var rows = new List<LogRow>();
        foreach (var row in csv.Rows())
        {
            var time = row[wallTime];
            if (mapping.Source == ComputeSource.ElapsedWallTimeTimesGpus && time is { IsBlank: false } cell)
            {
                var seconds = CellNumbers.Parse(path, cell, WallTime);
                firstWallTime ??= seconds;
                // Said here, with the wall times as written: past this point the cell holds seconds since the first row.
                if (seconds < firstWallTime)
                    throw InputErrors.At(ErrorCodes.DecreasingCompute, path, cell.Line, cell.Column,
                        $"wall time {InputErrors.Quote(cell.Text)}, before the first row's {InputErrors.FormatNumber(firstWallTime.Value)}",
                        "wall times that rise down the file");
                time = cell with { Text = (seconds - firstWallTime.Value).ToString("R", CultureInfo.InvariantCulture) };
            }
            rows.Add(new LogRow(row.Line, [row[step], row[value], time]));
        }
        var plan = new ColumnPlan(Reward: 1, ComputeSource: mapping.Source == ComputeSource.ElapsedWallTimeTimesGpus ? 2 : 0, mapping,
            Step: 0, Run: null, Recipe: null, []);
        return new PreparedLog(new MemoryLogTable([Step, metric, WallTime], csv.HeaderLine, rows), plan, names);
    }

    private static int Require(string path, CsvLogTable csv, string name) =>
        csv.IndexOf(name) ?? throw InputErrors.At(ErrorCodes.MissingColumn, path, csv.HeaderLine, 1,
            $"the columns {InputErrors.ListColumns(csv.Columns)}", $"the TensorBoard columns '{WallTime}', '{Step}' and '{Value}'");

    [GeneratedRegex("^run-(?<run>.+)-tag-(?<tag>.+)$")]
    private static partial Regex DownloadName();
}
