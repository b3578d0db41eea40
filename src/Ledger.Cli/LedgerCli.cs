using System.CommandLine;
using System.CommandLine.Parsing;
using Ledger.Core.Diagnostics;

namespace Ledger.Cli;

/// <summary>
/// The `ledger` tool's shell: parses arguments, runs one verb from Core's pipeline, and maps the outcome to the
/// exit codes of PRODUCT.md section 4. User mistakes become one clear line on stderr and exit 2, never a stack trace.
/// </summary>
public static class LedgerCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Ledger: an experiment ledger and regression gate for the scaling curves of RL post-training.\n" +
            "Fits R(C) = R0 + (A - R0) / (1 + (C_mid / C)^B) to validation reward against RL compute C (GPU-hours),\n" +
            "ranks recipes by their fitted ceiling A, and says 'unidentified' when the data cannot tell A.\n" +
            "Exit codes: 0 success, 1 the gate found a regression, 2 bad input or usage, 3 the ledger cannot be opened, is damaged or could not be written.");
        root.Subcommands.Add(AppendCommand.Create(output, error));
        root.Subcommands.Add(CheckCommand.Create(output, error));
        root.Subcommands.Add(FitCommand.Create(output, error));
        root.Subcommands.Add(GateCommand.Create(output, error));
        root.Subcommands.Add(HistoryCommand.Create(output));
        root.Subcommands.Add(PredictCommand.Create(output));
        root.Subcommands.Add(VerifyCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output));
        root.Subcommands.Add(CurveCommand.Create(output, error));
        root.Subcommands.Add(RankCommand.Create(output));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"error {ErrorCodes.InvalidOption}: {OptionName(parseError)}{parseError.Message}");
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
