namespace Ledger.Cli.Tests;

/// <summary>
/// Progress of the long steps goes to stderr only when it is a terminal: a real pseudo-terminal (util-linux `script`)
/// shows each step's counts on one rewritten line, cleared when the step ends; a redirected stderr (a CI log) shows none.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class TerminalProgressTests(InstalledTool tool) : IDisposable
{
    private const int Logs = 30;
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-progress-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void On_a_terminal_append_and_check_show_the_logs_read_and_the_recipes_fitted_then_clear_the_line()
    {
        WriteLogs();

        var check = OnTerminal("check 'runs/**/*.csv' --db ledger.db --commit c1 --branch main --bootstrap 0");
        Assert.Equal(0, check.ExitCode);
        Assert.Contains($"\rread {Logs}/{Logs} logs", check.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\rfitted {Logs}/{Logs} recipes", check.Stdout, StringComparison.Ordinal);
        Assert.True(check.Stdout.IndexOf("read ", StringComparison.Ordinal) < check.Stdout.IndexOf("fitted ", StringComparison.Ordinal), "reading is shown before fitting");
        // Each step's line is blanked over its full width and the cursor returned, so the verb's own output starts clean.
        Assert.Contains("\r" + new string(' ', $"fitted {Logs}/{Logs} recipes".Length) + "\r", check.Stdout, StringComparison.Ordinal);

        WriteLogs(shift: 0.01);
        var append = OnTerminal("append 'runs/**/*.csv' --db ledger.db --commit c2 --branch main");
        Assert.Equal(0, append.ExitCode);
        Assert.Contains($"\rread {Logs}/{Logs} logs", append.Stdout, StringComparison.Ordinal);

        var report = OnTerminal("report --out report --db ledger.db --bootstrap 0");
        Assert.Equal(0, report.ExitCode);
        var pages = Directory.GetFiles(Path.Combine(_work, "report"), "*.html").Length;
        Assert.Contains($"\rrendered {pages}/{pages} pages", report.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void With_stderr_redirected_nothing_but_the_verb_s_own_output_is_written()
    {
        WriteLogs();

        var run = tool.Run(_work, "curve", "runs/**/*.csv", "--bootstrap", "0", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.DoesNotContain('\r', run.Stdout);
    }

    /// <summary>Runs the tool with stdin, stdout and stderr on a pseudo-terminal; what the terminal showed comes back as Stdout.</summary>
    private ToolRun OnTerminal(string arguments) =>
        ChildProcess.Run("script", ["--quiet", "--return", "--command", $"'{tool.Executable}' {arguments}", "/dev/null"], _work);

    private void WriteLogs(double shift = 0)
    {
        for (var i = 0; i < Logs; i++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", $"recipe-{i:D2}", "seed1.csv"), seed: i, a: 0.7 + shift + i * 0.003);
    }
}
