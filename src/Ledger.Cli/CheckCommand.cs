using System.CommandLine;
using Ledger.Core.Diagnostics;
using Ledger.Core.Pipeline;
using Ledger.Core.Reporting;
using Ledger.Core.Storage;

namespace Ledger.Cli;

/// <summary>`ledger check`: append + fit + gate, the CI one-liner.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Run logs: files, folders (every .csv, .tsv, .jsonl, .ndjson inside) or globs such as 'runs/**/*.csv'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var ledger = new LedgerOptionsBinder(
            "Commit of the build (default: CI variables such as GITHUB_SHA, else git, else 'local').",
            "Branch of the build (default: CI variables such as GITHUB_REF_NAME, else git, else 'local').");
        var read = new ReadOptionsBinder();
        var fit = new FitOptionsBinder();
        var gate = new GateOptionsBinder();
        var project = new ProjectOptionBinder();
        var report = new Option<string?>("--report") { Description = "Also render the HTML report and summary.md into this folder after the gate (as ledger report --out)." };
        var templates = new Option<string?>("--templates") { Description = "Scriban templates (.sbn) that replace the report's built-in ones of the same name." };
        var force = new Option<bool>("--force") { Description = "With --report: replace files of the report's names in that folder that Ledger did not write (default: refuse, LEDGER131)." };

        var command = new Command("check",
            "The CI one-liner: append the run logs (as ledger append), fit the build's snapshot (as ledger fit) and gate it " +
            "against the baseline (as ledger gate), and with --report render the HTML report (as ledger report). Exit 1 when a recipe regressed, 2 on bad input (nothing written), 0 otherwise. " +
            "With --format json, markdown or junit, stdout holds only the gate's document and the append and fit lines go to stderr.");
        command.Arguments.Add(paths);
        ledger.AddTo(command);
        read.AddTo(command);
        fit.AddTo(command);
        gate.AddTo(command);
        project.AddTo(command);
        command.Options.Add(report);
        command.Options.Add(templates);
        command.Options.Add(force);
        command.Validators.Add(result => ProjectOptionBinder.RequireLogsOrProject(result, paths, project));
        command.SetAction(parsed =>
        {
            // The clock is read once, here: the snapshot's time and the date allow-list expiries are checked against.
            var now = DateTimeOffset.UtcNow;
            var (request, location, lockTimeout, junitFile) = project.Load(parsed, ledger, gate) is { } configuration
                ? (configuration.CheckRequest(now, Environment.GetEnvironmentVariable, parsed.GetValue(report), parsed.GetValue(templates), parsed.GetValue(force)),
                    configuration.Database, configuration.LockTimeout, configuration.JUnitFile)
                : (new CheckRequest(
                        new AppendRequest(parsed.GetValue(paths)!, Directory.GetCurrentDirectory(), read.Bind(parsed),
                            ledger.Commit(parsed), ledger.Branch(parsed), now, Environment.GetEnvironmentVariable),
                        gate.Baseline(parsed), fit.Bind(parsed), gate.Options(parsed, fit.Bind(parsed)), gate.AllowList(parsed), DateOnly.FromDateTime(now.UtcDateTime),
                        parsed.GetValue(report), parsed.GetValue(templates), ReportForce: parsed.GetValue(force), ReferenceOption: gate.Reference(parsed)),
                    ledger.Location(parsed), ledger.LockTimeout(parsed), gate.JUnitFile(parsed));
            var format = gate.Format(parsed);
            var steps = format is "json" or "markdown" or "junit" ? error : output;

            // The gate's outcome is written before the report is rendered: a report that fails cannot take it with it.
            void Gated(CheckOutcome gated)
            {
                foreach (var warning in gated.Append.Warnings)
                    error.WriteLine(warning);
                steps.Write(AppendText.Write(gated.Append));
                steps.Write(FitText.Write(gated.Fit));
                GateOutput.Write(gated.Gate.Report, format, output, error, junitFile);
            }

            var outcome = CheckUseCase.Run(request, () => LedgerStores.Open(location, LedgerAccess.CreateOnWrite, lockTimeout),
                TerminalProgress.Steps(error), () => LedgerStores.OpenIfExists(location, lockTimeout), Gated);
            if (outcome.Report is { } rendered)
                steps.Write(ReportText.Write(rendered));
            return (int)(outcome.Gate.Failed ? ExitCode.Regression : ExitCode.Success);
        });
        return command;
    }
}
