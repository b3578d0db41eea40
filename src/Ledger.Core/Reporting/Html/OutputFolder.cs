using System.Security.Cryptography;
using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The report's output folder, and the only way the report writes a file. A render goes into a fresh staging folder
/// beside --out (same parent, so on the same file system), never into --out itself; <see cref="Publish"/> then swaps
/// it in whole (<see cref="ReportPublisher"/>). Readers of --out so see the previous render or the new one, never a
/// mix; a render killed half way leaves --out as it was. Every path is checked to lie directly inside the staging
/// folder, and every file is created new there, so nothing is written through a link, hard or symbolic. Files may be
/// written from several threads at once.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>Held open (locked) in a staging folder while its render runs: how a later render tells a live staging folder from a dead one.</summary>
    public const string LockFileName = ".ledger-render.lock";

    private readonly List<ReportFile> _written = [];
    private FileStream? _lock;
    private bool _published;

    /// <param name="path">--out: the report folder, created when missing.</param>
    /// <param name="force">Replace files of the report's names that Ledger did not write (--force), instead of refusing.</param>
    /// <exception cref="LedgerInputException">
    /// LEDGER120: the path is a file, the root, the working folder (or holds it), or cannot be created. LEDGER131:
    /// it holds an index.html that Ledger did not write, and <paramref name="force"/> is false.
    /// </exception>
    public OutputFolder(string path, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        Root = ReportTarget.Resolve(path);
        Force = force;
        Render = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        // The one name every render writes: a user's own index.html is refused now, before the fits, not after them.
        ReportPublisher.RefuseForeign(Root, [ReportFileNames.Index(1)], force);
        Staging = Path.Combine(Path.GetDirectoryName(Root)!, ReportPublisher.SiblingPrefix(Root) + Render + ".tmp");
        try
        {
            _lock = ReportPublisher.CreateStaging(Root, Staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Dispose();
            throw ReportTarget.Unusable(path, $"a folder beside which the report cannot be rendered ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>--out, as a full path with its own symbolic link (if it is one) resolved.</summary>
    public string Root { get; }

    /// <summary>This render's id, kept in the folder's <see cref="ReportManifest"/>.</summary>
    public string Render { get; }

    /// <summary>The folder this render writes into until it is published: a hidden sibling of <see cref="Root"/>.</summary>
    public string Staging { get; }

    public bool Force { get; }

    /// <summary>The full path of <paramref name="fileName"/> in this render (the staging folder until it is published).</summary>
    /// <exception cref="ArgumentException">The name would leave the folder: a bug in the caller, never user input reaching here unsanitised.</exception>
    public string PathOf(string fileName)
    {
        if (!ReportManifest.IsPlainName(fileName) || fileName is ReportManifest.FileName or LockFileName)
            throw new ArgumentException($"'{fileName}' is not a plain file name inside the report folder", nameof(fileName));
        return Path.Combine(_published ? Root : Staging, fileName);
    }

    public void Write(string fileName, string content) => Write(fileName, writer => writer.Write(content));

    /// <summary>Writes a new file as UTF-8 (no BOM) through <paramref name="write"/>; a file left half written by an exception is deleted.</summary>
    public void Write(string fileName, Action<TextWriter> write)
    {
        ObjectDisposedException.ThrowIf(_lock is null || _published, this);
        var path = PathOf(fileName);
        try
        {
            // The writer buffers; a second buffer in the stream would only copy every byte once more.
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            using (var writer = new Utf8FileWriter(file))
                write(writer);
            var written = ReportFile.Of(path);
            lock (_written)
                _written.Add(written);
        }
        catch
        {
            // Only ever a file of this render's own staging folder.
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Swaps this render in as the report folder; afterwards the files are in <see cref="Root"/>.</summary>
    /// <exception cref="LedgerInputException">
    /// LEDGER131: --out holds a file of one of this render's names that Ledger did not write (without --force);
    /// LEDGER132: another process kept the report folder busy; LEDGER120: --out cannot be replaced (a mount point).
    /// </exception>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_lock is null || _published, this);
        // By name: pages written side by side finish in no set order.
        var manifest = new ReportManifest(Render, _written.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
        manifest.WriteTo(Staging);
        ReportPublisher.Publish(this, manifest, releaseStaging: ReleaseLock, swapped: () => _published = true);
    }

    /// <summary>Removes the staging folder of a render that was not published; a published render is left where it is.</summary>
    public void Dispose()
    {
        ReleaseLock();
        if (!_published && Directory.Exists(Staging))
        {
            // Only this render's own files: it wrote every file in its staging folder.
            foreach (var file in Directory.EnumerateFiles(Staging))
                File.Delete(file);
            Directory.Delete(Staging);
        }
    }

    private void ReleaseLock()
    {
        if (_lock is null)
            return;
        File.Delete(_lock.Name);
        _lock.Dispose();
        _lock = null;
    }
}
