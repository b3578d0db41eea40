using Ledger.Core.FileSystem;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace Ledger.Core.Ingest;

/// <summary>
/// A folder as the glob matcher walks it, entering every folder at most once by its identity (device and inode), so
/// a symbolic link back up the tree (<c>loop -&gt; ..</c>) or two links to one folder cannot send `**` round for ever;
/// entries come in ordinal order, so which path reaches a folder first does not depend on the file system.
/// </summary>
internal sealed class LoopSafeDirectory : DirectoryInfoBase
{
    private readonly DirectoryInfoBase _inner;
    private readonly HashSet<FileIdentity> _entered;

    private LoopSafeDirectory(DirectoryInfoBase inner, HashSet<FileIdentity> entered)
    {
        _inner = inner;
        _entered = entered;
    }

    /// <summary>The walk's root, entered already.</summary>
    public static LoopSafeDirectory Root(string path)
    {
        var entered = new HashSet<FileIdentity> { FileStatus.Of(path).Identity };
        return new LoopSafeDirectory(new DirectoryInfoWrapper(new DirectoryInfo(path)), entered);
    }

    public override string Name => _inner.Name;

    public override string FullName => _inner.FullName;

    public override DirectoryInfoBase? ParentDirectory => _inner.ParentDirectory is { } parent ? new LoopSafeDirectory(parent, _entered) : null;

    public override IEnumerable<FileSystemInfoBase> EnumerateFileSystemInfos()
    {
        foreach (var entry in _inner.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry is not DirectoryInfoBase folder)
                yield return entry;
            else if (_entered.Add(FileStatus.Of(folder.FullName).Identity))
                yield return new LoopSafeDirectory(folder, _entered);
        }
    }

    public override DirectoryInfoBase? GetDirectory(string path) => _inner.GetDirectory(path) is { } folder ? new LoopSafeDirectory(folder, _entered) : null;

    public override FileInfoBase? GetFile(string path) => _inner.GetFile(path);
}
