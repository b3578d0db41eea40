using System.Buffers.Binary;
using System.Text;

namespace Ledger.Core.Storage;

/// <summary>Reads what <see cref="CanonicalWriter"/> wrote; a blob that ends early or is malformed is a <see cref="FormatException"/>.</summary>
internal ref struct CanonicalReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    public readonly bool AtEnd => _rest.IsEmpty;

    public int ReadInt32()
    {
        Require(sizeof(int));
        var value = BinaryPrimitives.ReadInt32LittleEndian(_rest);
        _rest = _rest[sizeof(int)..];
        return value;
    }

    public byte ReadByte()
    {
        Require(1);
        var value = _rest[0];
        _rest = _rest[1..];
        return value;
    }

    /// <summary>A count: an int32 that may not be negative.</summary>
    public int ReadCount()
    {
        var count = ReadInt32();
        return count >= 0 ? count : throw new FormatException("a count in the blob is negative");
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Require(count);
        var value = _rest[..count];
        _rest = _rest[count..];
        return value;
    }

    public string ReadString()
    {
        var length = ReadInt32();
        if (length < 0)
            throw new FormatException("a string in the blob has a negative length");
        Require(length);
        var value = Encoding.UTF8.GetString(_rest[..length]);
        _rest = _rest[length..];
        return value;
    }

    private readonly void Require(int count)
    {
        if (_rest.Length < count)
            throw new FormatException("the blob ends in the middle of a value");
    }
}
