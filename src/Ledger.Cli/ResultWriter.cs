using System.Text;

namespace Ledger.Cli;

/// <summary>Standard output could not be written: the disk is full, the pipe was closed.</summary>
internal sealed class ResultsUnwritableException(IOException inner) : Exception(inner.Message, inner);

/// <summary>
/// A standard stream with a rule for writes that fail. For the results on stdout (`ledger append > /dev/full`) the
/// failure becomes <see cref="ResultsUnwritableException"/>, which the shell reports in one line with its own exit code
/// instead of an IOException from deep inside a verb. For diagnostics on stderr there is nowhere left to report it: the
/// write is dropped, and the exit code still tells what happened.
/// </summary>
internal sealed class GuardedWriter : TextWriter
{
    private readonly bool _results;

    private GuardedWriter(TextWriter inner, bool results)
    {
        Inner = inner;
        _results = results;
    }

    public static GuardedWriter Results(TextWriter stdout) => new(stdout, results: true);

    public static GuardedWriter Diagnostics(TextWriter stderr) => new(stderr, results: false);

    /// <summary>The stream written to (the console's, or a test's writer).</summary>
    public TextWriter Inner { get; }

    public override Encoding Encoding => Inner.Encoding;

    public override void Write(char value) => Guard(() => Inner.Write(value));

    public override void Write(string? value) => Guard(() => Inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => Inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => Inner.WriteLine(value));

    public override void Flush() => Guard(Inner.Flush);

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e) when (_results)
        {
            throw new ResultsUnwritableException(e);
        }
        catch (IOException)
        {
            // A diagnostic that cannot be written: nowhere left to report it.
        }
    }
}
