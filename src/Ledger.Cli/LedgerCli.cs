using System.CommandLine;
using System.CommandLine.Parsing;
using Ledger.Core.Diagnostics;

namespace Ledger.Cli;

/// <summary>
/// The `ledger` tool's shell: parses arguments, runs one verb from Core's pipeline, and maps the outcome to the
/// exit codes of PRODUCT.md section 4. User mistakes become one clear line on stderr and exit 2, never a stack trace;
/// results that cannot be written are exit 4, and a fault of Ledger itself one LEDGER901 line and exit 5, never the
/// runtime's exit 134 with its stack trace.
/// </summary>
public static class LedgerCli
{
    /// <summary>The verbs that write something: what they wrote stays when their output cannot be written.</summary>
    private static readonly Dictionary<string, string> Records = new(StringComparer.Ordinal)
    {
        ["append"] = "the ledger holds the runs this call appended",
        ["fit"] = "the ledger holds the fits this call recorded",
        ["gate"] = "the ledger holds the fits and verdicts this call recorded",
        ["check"] = "the ledger holds what this call recorded (runs, fits, verdicts)",
        ["report"] = "the report folder holds the new render",
        ["import"] = "the ledger holds the imported records",
    };

    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, output, error, Environment.GetEnvironmentVariable);

    /// <param name="environment">Looks up <see cref="FaultReport.DebugVariable"/>.</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        var diagnostics = GuardedWriter.Diagnostics(error);
        var verb = args.FirstOrDefault() ?? "";
        try
        {
            return RunVerb(args, GuardedWriter.Results(output), diagnostics);
        }
        catch (ResultsUnwritableException e)
        {
            diagnostics.WriteLine($"error: the results could not be written to standard output ({DisplayText.Escape(e.Message.TrimEnd('.'))}); " +
                                  (Records.TryGetValue(verb, out var kept) ? kept : "nothing was changed"));
            return (int)ExitCode.OutputFailed;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or StackOverflowException))
        {
            diagnostics.WriteLine($"error {ErrorCodes.InternalError}: {FaultReport.Message(e, $"this line and the command you ran ({FaultReport.DebugVariable}=1 adds the stack trace)")}");
            if (FaultReport.Debugging(environment))
                diagnostics.WriteLine(e.ToString());
            return (int)ExitCode.InternalError;
        }
    }

    private static int RunVerb(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Ledger: an experiment ledger and regression gate for the scaling curves of RL post-training.\n" +
            "Fits R(C) = R0 + (A - R0) / (1 + (C_mid / C)^B) to validation reward against RL compute C (GPU-hours),\n" +
            "ranks recipes by their fitted ceiling A, and says 'unidentified' when the data cannot tell A.\n" +
            "Exit codes: 0 success, 1 the gate found a regression, 2 bad input or usage, 3 the ledger (a file, or a PostgreSQL server)\n" +
            "cannot be opened, is damaged or could not be written, 4 the results could not be written to standard output, 5 a fault of Ledger (LEDGER901: please file an issue).");
        root.Subcommands.Add(AppendCommand.Create(output, error));
        root.Subcommands.Add(CheckCommand.Create(output, error));
        root.Subcommands.Add(FitCommand.Create(output, error));
        root.Subcommands.Add(GateCommand.Create(output, error));
        root.Subcommands.Add(HistoryCommand.Create(output));
        root.Subcommands.Add(PredictCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(CurveCommand.Create(output, error));
        root.Subcommands.Add(RankCommand.Create(output));
        root.Subcommands.Add(ChangesCommand.Create(output));
        root.Subcommands.Add(ExportCommand.Create(new TextWriterStream(output), error));
        root.Subcommands.Add(ImportCommand.Create(output));
        root.Subcommands.Add(DbCommand.Create(output));

        var parsed = root.Parse(args);
        var unknown = UnknownOptions.In(parsed);
        if (unknown.Count > 0 || parsed.Errors.Count > 0)
        {
            // An unknown option explains the parser's other complaints (a word it could not place), so it comes alone.
            var messages = unknown.Count > 0
                ? unknown.Select(option => UnknownOptions.Message(option, parsed.CommandResult.Command))
                : parsed.Errors.Select(parseError => OptionName(parseError) + parseError.Message);
            foreach (var message in messages)
            {
                error.WriteLine($"error {ErrorCodes.InvalidOption}: {message}");
            }
            error.WriteLine($"Run 'ledger {parsed.CommandResult.Command.Name} --help' for usage.".Replace("ledger ledger", "ledger"));
            return (int)ExitCode.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (LedgerInputException e)
        {
            error.WriteLine(e.Message);
            return (int)ExitCode.BadInput;
        }
        catch (LedgerUnavailableException e)
        {
            // The message names the file, the code and what to do; a stack trace would help no user here.
            error.WriteLine(e.Message);
            return (int)e.ExitCode;
        }
    }

    private static string OptionName(ParseError parseError) => parseError.SymbolResult switch
    {
        OptionResult option => option.Option.Name + ": ",
        ArgumentResult { Parent: OptionResult option } => option.Option.Name + ": ",
        _ => "",
    };
}
