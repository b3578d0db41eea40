using System.CommandLine;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger append`: add run logs to the ledger under the build's commit and branch.</summary>
internal static class AppendCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Run logs: files, folders (every .csv, .tsv, .jsonl, .ndjson inside) or globs such as 'runs/**/*.csv'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var project = new ProjectOptionBinder();
        var ledger = new LedgerOptionsBinder(
            "Commit to tag the runs with (default: CI variables such as GITHUB_SHA, else git, else 'local'). Runs appended under the same commit and branch join one snapshot.",
            "Branch to tag the runs with (default: CI variables such as GITHUB_REF_NAME, else git, else 'local').");
        var read = new ReadOptionsBinder();

        var command = new Command("append",
            "Add run logs to the ledger, tagged with the current commit and branch. Every log is read and checked first: " +
            "bad input is exit 2 and nothing is written. Runs are content-addressed, so appending the same log again adds " +
            "nothing; all runs of the call are written in one transaction, or none. Prints how many runs were new.");
        command.Arguments.Add(paths);
        ledger.AddTo(command);
        read.AddTo(command);
        project.AddTo(command);
        command.Validators.Add(result => ProjectOptionBinder.RequireLogsOrProject(result, paths, project));
        command.SetAction(parsed =>
        {
            // The clock is read once, here: the pipeline and the store take the time as given.
            var now = DateTimeOffset.UtcNow;
            var configuration = project.Load(parsed, ledger);
            var request = configuration?.AppendRequest(now, Environment.GetEnvironmentVariable)
                ?? new AppendRequest(parsed.GetValue(paths)!, Directory.GetCurrentDirectory(), read.Bind(parsed),
                    ledger.Commit(parsed), ledger.Branch(parsed), now, Environment.GetEnvironmentVariable);
            var location = configuration?.Database ?? ledger.Location(parsed);
            var lockTimeout = configuration?.LockTimeout ?? ledger.LockTimeout(parsed);
            var outcome = AppendUseCase.Run(request, () => LedgerStores.Open(location, LedgerAccess.CreateOnWrite, lockTimeout),
                () => LedgerStores.OpenIfExists(location, lockTimeout), TerminalProgress.Steps(error));
            foreach (var warning in outcome.Warnings)
                error.WriteLine(warning);
            output.Write(AppendText.Write(outcome));
            return 0;
        });
        return command;
    }
}
