using System.Buffers.Binary;
using Ledger.Core.Ingest;

namespace Ledger.Core.Storage;

/// <summary>
/// The one binary form of a run's points, used both inside <see cref="RunDigest"/> and as the blob a store keeps
/// (one blob per run, not one record per point: ledgers hold millions of points). Frozen: changing it changes
/// every digest. Layout: int32 count, then per point compute, reward (doubles), a byte 1/0 for step presence and
/// the step (double) when present.
/// </summary>
internal static class PointEncoding
{
    private const int FixedBytesPerPoint = 2 * sizeof(double) + 1;

    public static void Write(CanonicalWriter writer, IReadOnlyList<CurvePoint> points)
    {
        writer.WriteInt32(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            writer.WriteDouble(point.Compute);
            writer.WriteDouble(point.Reward);
            writer.WriteByte(point.Step.HasValue ? (byte)1 : (byte)0);
            if (point.Step is { } step)
                writer.WriteDouble(step);
        }
    }

    public static byte[] ToBytes(IReadOnlyList<CurvePoint> points)
    {
        var writer = new CanonicalWriter(sizeof(int) + points.Count * (FixedBytesPerPoint + sizeof(double)));
        Write(writer, points);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Reads points back; throws <see cref="FormatException"/> when the bytes are not such an encoding.</summary>
    public static CurvePoint[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        var count = ReadInt32(ref bytes);
        if (count < 0 || (long)count * FixedBytesPerPoint > bytes.Length)
            throw new FormatException($"point blob claims {count} points but holds {bytes.Length} bytes");
        var points = new CurvePoint[count];
        for (var i = 0; i < count; i++)
        {
            var compute = ReadDouble(ref bytes);
            var reward = ReadDouble(ref bytes);
            var hasStep = ReadByte(ref bytes);
            double? step = hasStep switch
            {
                0 => null,
                1 => ReadDouble(ref bytes),
                _ => throw new FormatException($"point {i} has step flag {hasStep}; expected 0 or 1"),
            };
            points[i] = new CurvePoint(compute, reward, step);
        }
        if (!bytes.IsEmpty)
            throw new FormatException($"point blob has {bytes.Length} bytes after its last point");
        return points;
    }

    private static int ReadInt32(ref ReadOnlySpan<byte> bytes)
    {
        RequireBytes(bytes, sizeof(int));
        var value = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        bytes = bytes[sizeof(int)..];
        return value;
    }

    private static double ReadDouble(ref ReadOnlySpan<byte> bytes)
    {
        RequireBytes(bytes, sizeof(double));
        var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes);
        bytes = bytes[sizeof(double)..];
        return value;
    }

    private static byte ReadByte(ref ReadOnlySpan<byte> bytes)
    {
        RequireBytes(bytes, 1);
        var value = bytes[0];
        bytes = bytes[1..];
        return value;
    }

    private static void RequireBytes(ReadOnlySpan<byte> bytes, int needed)
    {
        if (bytes.Length < needed)
            throw new FormatException("point blob ends in the middle of a point");
    }
}
