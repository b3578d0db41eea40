using System.Text;

namespace Ledger.Cli;

/// <summary>Standard output could not be written: the disk is full, the pipe was closed.</summary>
internal sealed class ResultsUnwritableException(IOException inner) : Exception(inner.Message, inner);

/// <summary>
/// Standard output for the verbs' results. A write that fails (`ledger append > /dev/full`) becomes
/// <see cref="ResultsUnwritableException"/>, which the shell reports in one line with its own exit code, instead of
/// an IOException from deep inside a verb.
/// </summary>
internal sealed class ResultWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void Flush() => Guard(inner.Flush);

    private static void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (IOException e)
        {
            throw new ResultsUnwritableException(e);
        }
    }
}

/// <summary>
/// Standard error for diagnostics and progress. When even that cannot be written there is nowhere left to say so:
/// the write is dropped, and the exit code still tells what happened.
/// </summary>
internal sealed class DiagnosticWriter(TextWriter inner) : TextWriter
{
    /// <summary>The stream written to (the console's standard error, or a test's writer).</summary>
    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Quietly(() => inner.Write(value));

    public override void Write(string? value) => Quietly(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Quietly(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Quietly(() => inner.WriteLine(value));

    public override void Flush() => Quietly(inner.Flush);

    private static void Quietly(Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
            // Nowhere to report it.
        }
    }
}
