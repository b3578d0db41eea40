using System.CommandLine;
using System.CommandLine.Parsing;
using Ledger.Core.Project;

namespace Ledger.Cli;

/// <summary>
/// `--project`: the verb takes the run logs and Ledger settings from an MSBuild project, as `dotnet build` with
/// Ledger.MSBuild does; --db, --lock-timeout, --commit, --branch, --baseline, --reference and --fail-on-drift given on the command line still win.
/// </summary>
internal sealed class ProjectOptionBinder
{
    private readonly Option<string?> _project = new("--project")
    {
        Description = "Take the run logs (LedgerRunLog items and their metadata) and the settings (LedgerDatabase, LedgerTolerance, " +
                      "LedgerBaseline, LedgerReference, LedgerFailOnDrift, LedgerModel, LedgerLowerIsBetter, LedgerMinCompute, LedgerMaxCompute, LedgerSeedSd, LedgerUnverified, " +
                      "LedgerAllowList, LedgerCommit, LedgerBranch, LedgerLockTimeout) from this MSBuild project, as dotnet build with Ledger.MSBuild does; --db, " +
                      "--lock-timeout, --commit, --branch, --baseline, --reference and --fail-on-drift given here still win.",
    };

    public void AddTo(Command command) => command.Options.Add(_project);

    /// <summary>A verb that reads run logs takes them from its arguments or from --project: exactly one of the two.</summary>
    public static void RequireLogsOrProject(CommandResult command, Argument<string[]> paths, ProjectOptionBinder project)
    {
        var hasPaths = command.GetValue(paths) is { Length: > 0 };
        if (hasPaths == (command.GetValue(project._project) is not null))
            command.AddError(hasPaths ? "give run logs or --project, not both" : "give the run logs, or --project with a project that lists them");
    }

    /// <summary>The project's configuration with the command line's explicit choices on top, or null without --project.</summary>
    public ProjectConfiguration? Load(ParseResult parsed, LedgerOptionsBinder ledger, GateOptionsBinder? gate = null)
    {
        if (parsed.GetValue(_project) is not { } path)
            return null;
        var configuration = ProjectEvaluation.Load(path);
        return configuration with
        {
            Database = ledger.ExplicitLocation(parsed) ?? configuration.Database,
            Commit = ledger.Commit(parsed) ?? configuration.Commit,
            Branch = ledger.Branch(parsed) ?? configuration.Branch,
            Baseline = gate?.Baseline(parsed) ?? configuration.Baseline,
            Reference = gate?.Reference(parsed) ?? configuration.Reference,
            Gate = gate is not null && gate.FailOnDrift(parsed) ? configuration.Gate with { FailOnDrift = true } : configuration.Gate,
            LockTimeout = ledger.ExplicitLockTimeout(parsed) ?? configuration.LockTimeout,
            JUnitFile = gate?.JUnitFile(parsed) ?? configuration.JUnitFile,
        };
    }
}
