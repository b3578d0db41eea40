using Ledger.Core.Diagnostics;
using Ledger.Core.Project;
using Microsoft.Build.Framework;
using Task = Microsoft.Build.Utilities.Task;

namespace Ledger.MSBuild;

/// <summary>
/// What every Ledger task shares: the project's LedgerRunLog items and Ledger properties, read into one
/// <see cref="ProjectConfiguration"/> as `ledger --project` reads them, and Ledger's exceptions turned into canonical
/// MSBuild diagnostics. An exception never escapes a task: it would become MSB4018 with a stack trace.
/// </summary>
public abstract class LedgerTask : Task
{
    /// <summary>The project whose build this is (relative paths are relative to its folder).</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    public ITaskItem[] RunLogs { get; set; } = [];

    public string? Database { get; set; }

    public string? Tolerance { get; set; }

    public string? Baseline { get; set; }

    public string? Commit { get; set; }

    public string? Branch { get; set; }

    public string? Model { get; set; }

    public string? LowerIsBetter { get; set; }

    public string? AllowList { get; set; }

    public string? ReportDirectory { get; set; }

    public string? MinCompute { get; set; }

    public string? MaxCompute { get; set; }

    public string? SeedSd { get; set; }

    public string? Unverified { get; set; }

    public string? ReportForce { get; set; }

    public string? Reference { get; set; }

    public string? FailOnDrift { get; set; }

    public string? LockTimeout { get; set; }

    public string? JUnitFile { get; set; }

    public sealed override bool Execute()
    {
        try
        {
            Run(ProjectConfiguration.Read(ProjectFile, RunLogs.Select(Item).ToList(), Property, Environment.GetEnvironmentVariable));
        }
        catch (LedgerInputException e)
        {
            Log.LogError(null, e.Code, null, DisplayText.Escape(e.Location.File), e.Location.Line, e.Location.Column, 0, 0,
                $"found {DisplayText.Escape(e.Found)}; expected {e.Expected}");
        }
        catch (LedgerUnavailableException e)
        {
            Log.LogError(null, e.Code, null, DisplayText.Escape(e.Path), 0, 0, 0, 0, e.Problem);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            Log.LogError(null, ErrorCodes.InternalError, null, ProjectFile, 0, 0, 0, 0, FaultReport.Message(e, "the build log"));
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Runs the task's one pipeline step; Ledger exceptions become diagnostics.</summary>
    protected abstract void Run(ProjectConfiguration configuration);

    /// <summary>A line of what the step did, visible in a normal-verbosity build log.</summary>
    protected void Report(string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Log.LogMessage(MessageImportance.High, $"ledger: {line}");
    }

    private string? Property(string name) => name switch
    {
        LedgerProperties.Database => Database,
        LedgerProperties.Tolerance => Tolerance,
        LedgerProperties.Baseline => Baseline,
        LedgerProperties.Commit => Commit,
        LedgerProperties.Branch => Branch,
        LedgerProperties.Model => Model,
        LedgerProperties.LowerIsBetter => LowerIsBetter,
        LedgerProperties.AllowList => AllowList,
        LedgerProperties.ReportDirectory => ReportDirectory,
        LedgerProperties.MinCompute => MinCompute,
        LedgerProperties.MaxCompute => MaxCompute,
        LedgerProperties.SeedSd => SeedSd,
        LedgerProperties.Unverified => Unverified,
        LedgerProperties.ReportForce => ReportForce,
        LedgerProperties.Reference => Reference,
        LedgerProperties.FailOnDrift => FailOnDrift,
        LedgerProperties.LockTimeout => LockTimeout,
        LedgerProperties.JUnitFile => JUnitFile,
        _ => null,
    };

    private static RunLogItem Item(ITaskItem item) =>
        new(item.GetMetadata("FullPath"),
            item.MetadataNames.Cast<string>().ToDictionary(name => name, item.GetMetadata, StringComparer.OrdinalIgnoreCase));
}
