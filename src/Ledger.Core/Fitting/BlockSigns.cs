using MathNet.Numerics.Random;

namespace Ledger.Core.Fitting;

/// <summary>
/// The signs a block wild bootstrap flips its blocks by, in block order: 64 signs to one draw of the generator,
/// where a draw per sign cost about a microsecond a resample of 100 points.
/// </summary>
internal struct BlockSigns(Xoshiro256StarStar random)
{
    private ulong _bits;
    private int _used = 64;

    public double Next()
    {
        if (_used == 64)
        {
            _bits = (ulong)random.NextFullRangeInt64();
            _used = 0;
        }
        return ((_bits >> _used++) & 1) == 0 ? -1.0 : 1.0;
    }
}
