using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Core.Storage;

/// <summary>
/// The identity of a set of runs, as compact as a number: the first 128 bits (big-endian) of the SHA-256 of the runs'
/// digests in ordinal order, each followed by a line feed, as UTF-8. Two recipes' run lists hold the same runs exactly when
/// their run sets are equal (a collision of 128 bits is not a concern), whatever order the runs joined in. Defined on the
/// digests alone so that every store computes it the same way: the ledger file keeps it beside each snapshot's runs, a
/// server computes it from its rows.
/// </summary>
public readonly record struct RunSet(UInt128 Value)
{
    /// <summary>Bytes a run set takes when stored.</summary>
    public const int Size = 16;

    public static RunSet Of(IEnumerable<string> runDigests)
    {
        ArgumentNullException.ThrowIfNull(runDigests);
        var text = new StringBuilder();
        foreach (var digest in runDigests.Order(StringComparer.Ordinal))
            text.Append(digest).Append('\n');
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return Read(hash);
    }

    /// <summary>The run set stored as <see cref="Size"/> big-endian bytes (the first bytes of a longer span are read).</summary>
    public static RunSet Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt128BigEndian(bytes));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt128BigEndian(destination, Value);

    public override string ToString() => Value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
