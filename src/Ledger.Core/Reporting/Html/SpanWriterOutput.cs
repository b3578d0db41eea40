using Scriban.Runtime;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// A template's output into a <see cref="TextWriter"/>, the text written as a slice of Scriban's string. Scriban's own
/// <see cref="TextWriterOutput"/> copies each slice (each run of a template's literal text, on every page) into a new
/// string first, only for it to be copied once more into the file.
/// </summary>
internal sealed class SpanWriterOutput(TextWriter writer) : IScriptOutput
{
    public TextWriter Writer { get; } = writer;

    public void Write(string text, int offset, int count) => Writer.Write(text.AsSpan(offset, count));

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }
}
