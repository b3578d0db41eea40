using System.Security.Cryptography;
using Ledger.Core.FileSystem;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>
/// The key under which the ledger remembers having read a run-log file: its full path, size and last-write time
/// (UTC ticks), the read options that shape what a read makes of it, and the build of the reader itself. This is
/// make's (and MSBuild's) up-to-date rule: a file whose key is recorded is taken as unchanged and not read again.
/// Like make, it trusts the file system: a file rewritten with the same size and the same last-write time (only
/// possible by setting the time back on purpose) is not noticed; touching a file or changing its length is.
/// </summary>
public sealed class ReadFileKeys
{
    private const string EncodingName = "ledger.read-file/1";

    // The reader's own build: Ledger.Core is built deterministically, so its module id changes exactly when its code
    // does, and a newer reader, which may read a file differently, never trusts what an older one recorded.
    private static readonly string ReaderBuild = typeof(RunLogReader).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly byte[] _prefix;

    /// <summary>
    /// What every key of this reader build and these options begins with, before a '-': a store keeps a scope's records
    /// together, so an append reads only those that could match (a ledger read by many builds holds a set for each).
    /// </summary>
    private readonly string _scope;

    public ReadFileKeys(ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var writer = new CanonicalWriter();
        writer.WriteString(EncodingName);
        writer.WriteString(ReaderBuild);
        foreach (var text in new[] { options.Recipe, options.RecipeColumn, options.RunColumn, options.ComputeColumn, options.RewardColumn,
                     options.StepColumn, options.RuntimeColumn, options.Format, options.RecipeFrom, options.RecipePattern })
            WriteOptional(writer, text);
        foreach (var number in new[] { options.GpuHoursPerStep, options.Gpus })
        {
            writer.WriteByte(number is null ? (byte)0 : (byte)1);
            writer.WriteDouble(number ?? 0);
        }
        _prefix = writer.WrittenSpan.ToArray();
        _scope = Convert.ToHexStringLower(SHA256.HashData(_prefix).AsSpan(0, 8));
    }

    /// <summary>
    /// The key of the file at <paramref name="fullPath"/> as it is now, or null when it is not a plain file: an MLflow
    /// run folder's time and size do not change when the metric files inside it grow, so it is always read.
    /// </summary>
    public string? For(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        return For(fullPath, FileStatus.Of(fullPath));
    }

    /// <summary>
    /// The key of the file at <paramref name="fullPath"/> in the state <paramref name="status"/> (through its links, as
    /// <see cref="FileStatus.Of"/> takes it), or null when that is not a plain file. A link's target is what is read,
    /// so its length and time are what change the key.
    /// </summary>
    public string? For(string fullPath, FileStatus status)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        if (status.Kind != FileKind.RegularFile)
            return null;
        var writer = new CanonicalWriter(_prefix.Length + 2 * fullPath.Length + 32);
        writer.WriteRaw(_prefix);
        writer.WriteString(fullPath);
        writer.WriteInt64(status.Length);
        writer.WriteInt64(status.LastWriteTicksUtc);
        return $"{_scope}{ReadFileRecord.ScopeEnd}{Convert.ToHexStringLower(SHA256.HashData(writer.WrittenSpan))}";
    }

    private static void WriteOptional(CanonicalWriter writer, string? text)
    {
        writer.WriteByte(text is null ? (byte)0 : (byte)1);
        writer.WriteString(text ?? "");
    }
}
