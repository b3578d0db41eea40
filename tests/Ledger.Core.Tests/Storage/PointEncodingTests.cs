using System.Buffers.Binary;
using System.Collections.ObjectModel;
using Ledger.Core.Ingest;
using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// The frozen binary form of a run's points (every run digest and stored blob depends on it), against the layout its
/// documentation states, built here byte by byte: int32 count, then per point compute and reward, a step flag, the step.
/// </summary>
public class PointEncodingTests
{
    private static readonly CurvePoint[] Points =
    [
        new(100, 0.25, 10),
        new(150.5, -0.0),
        new(double.Epsilon, 1e300, 0),
        new(2e4, 0.75),
    ];

    [Fact]
    public void Points_are_encoded_as_the_documented_layout_whatever_list_holds_them()
    {
        var expected = Layout(Points);
        Assert.Equal(expected, PointEncoding.ToBytes(Points));
        Assert.Equal(expected, PointEncoding.ToBytes(Points.ToList()));
        Assert.Equal(expected, PointEncoding.ToBytes(new ReadOnlyCollection<CurvePoint>(Points)));
        var writer = new CanonicalWriter(1);
        writer.WriteString("before");
        PointEncoding.Write(writer, Points);
        Assert.Equal(expected, writer.WrittenSpan[(sizeof(int) + "before".Length)..].ToArray());
    }

    [Fact]
    public void Encoded_points_read_back_bit_for_bit_and_none_encode_to_a_count_alone()
    {
        var back = PointEncoding.FromBytes(PointEncoding.ToBytes(Points));
        Assert.Equal(Points.Select(p => (Bits(p.Compute), Bits(p.Reward), p.Step)), back.Select(p => (Bits(p.Compute), Bits(p.Reward), p.Step)));
        Assert.Equal(new byte[sizeof(int)], PointEncoding.ToBytes([]));
    }

    private static byte[] Layout(IEnumerable<CurvePoint> points)
    {
        var bytes = new List<byte>();
        var list = points.ToList();
        bytes.AddRange(Little(b => BinaryPrimitives.WriteInt32LittleEndian(b, list.Count), sizeof(int)));
        foreach (var point in list)
        {
            bytes.AddRange(Little(b => BinaryPrimitives.WriteDoubleLittleEndian(b, point.Compute), sizeof(double)));
            bytes.AddRange(Little(b => BinaryPrimitives.WriteDoubleLittleEndian(b, point.Reward), sizeof(double)));
            bytes.Add(point.Step.HasValue ? (byte)1 : (byte)0);
            if (point.Step is { } step)
                bytes.AddRange(Little(b => BinaryPrimitives.WriteDoubleLittleEndian(b, step), sizeof(double)));
        }
        return [.. bytes];
    }

    private static byte[] Little(Action<byte[]> write, int length)
    {
        var bytes = new byte[length];
        write(bytes);
        return bytes;
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
