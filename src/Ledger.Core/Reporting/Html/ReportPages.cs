using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Ledger.Core.Reporting.Html;

/// <summary>A page of the report: its file, its template, and how its model is built (when the page is written, so models are not all held at once).</summary>
public sealed record ReportPage(string File, string Template, Func<object> Model);

/// <summary>
/// Writes a report's pages side by side. A page is a function of the report's inputs alone, and its file is its own,
/// so the order they are written in changes no byte of any of them. Side by side keeps both cores busy with the
/// templates, and keeps the disk busy too: creating a file waits on the file system (under load most of a page's
/// time), and a page that waits lets another draw.
/// </summary>
public static class ReportPages
{
    /// <summary>More pages at once than cores: a page waits on the file system for much of its time.</summary>
    private static readonly int Concurrent = 2 * Environment.ProcessorCount;

    /// <param name="rendered">Shown how many pages are written, of how many.</param>
    /// <exception cref="Diagnostics.LedgerInputException">A template is broken: the error of the earliest page, in the list's order, of those that failed before the rest were stopped.</exception>
    public static void Write(IReadOnlyList<ReportPage> pages, OutputFolder output, ReportTemplates templates, IProgress<(int Done, int Total)>? rendered)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(templates);
        var failures = new ConcurrentDictionary<int, Exception>();
        var done = 0;
        var progress = new object();
        Parallel.For(0, pages.Count, new ParallelOptions { MaxDegreeOfParallelism = Concurrent }, (i, loop) =>
        {
            var page = pages[i];
            try
            {
                output.Write(page.File, writer => templates.Render(page.Template, page.Model(), writer));
            }
            catch (Exception e)
            {
                failures[i] = e;
                loop.Stop();
                return;
            }
            // One at a time, in order: a terminal's progress line is not written from two threads.
            lock (progress)
                rendered?.Report((++done, pages.Count));
        });
        if (!failures.IsEmpty)
            ExceptionDispatchInfo.Throw(failures[failures.Keys.Min()]);
    }
}
