using MathNet.Numerics.Random;

namespace Ledger.Core.Fitting;

/// <summary>
/// Which resamples of k runs the run bootstrap takes: how many times each run is drawn, and with what weight. k runs
/// have only C(2k - 1, k) distinct resamples (10 for 3 runs, 35 for 4, 126 for 5): where that is no more than the
/// resamples asked for, each distinct one is taken once with its multinomial probability k! / (prod m_r!) / k^k, the
/// exact bootstrap distribution, instead of a thousand random draws that only repeat those few. Beyond that they are
/// drawn at random with weight 1, seeded from the data.
/// </summary>
internal sealed class RunResamples
{
    private RunResamples(IReadOnlyList<(int[] Draws, double Weight)> draws, bool exhaustive)
    {
        Draws = draws;
        Exhaustive = exhaustive;
    }

    public IReadOnlyList<(int[] Draws, double Weight)> Draws { get; }

    /// <summary>Every distinct resample, each once with its probability (the weights sum to 1).</summary>
    public bool Exhaustive { get; }

    public int Count => Draws.Count;

    public static RunResamples For(int runs, int resamples, int seed)
    {
        if (DistinctCount(runs) <= resamples)
            return new RunResamples(Compositions(runs).Select(d => (d, Probability(d))).ToList(), exhaustive: true);
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var drawn = new List<(int[], double)>(resamples);
        for (var resample = 0; resample < resamples; resample++)
        {
            var draws = new int[runs];
            for (var k = 0; k < runs; k++)
                draws[random.Next(runs)]++;
            drawn.Add((draws, 1.0));
        }
        return new RunResamples(drawn, exhaustive: false);
    }

    /// <summary>C(2k - 1, k): the number of ways to draw k runs from k with replacement, order ignored.</summary>
    public static double DistinctCount(int runs)
    {
        var count = 1.0;
        for (var i = 1; i <= runs; i++)
            count = count * (runs - 1 + i) / i;
        return Math.Round(count);
    }

    /// <summary>Every way to write k as an ordered sum of k counts of 0 or more, in lexicographic order.</summary>
    private static List<int[]> Compositions(int runs)
    {
        var all = new List<int[]>();
        var current = new int[runs];
        void Fill(int position, int left)
        {
            if (position == runs - 1)
            {
                current[position] = left;
                all.Add((int[])current.Clone());
                return;
            }
            for (var count = left; count >= 0; count--)
            {
                current[position] = count;
                Fill(position + 1, left - count);
            }
        }
        Fill(0, runs);
        return all;
    }

    private static double Probability(int[] draws)
    {
        var k = draws.Length;
        var logProbability = LogFactorial(k) - k * Math.Log(k);
        foreach (var m in draws)
            logProbability -= LogFactorial(m);
        return Math.Exp(logProbability);
    }

    private static double LogFactorial(int n)
    {
        var sum = 0.0;
        for (var i = 2; i <= n; i++)
            sum += Math.Log(i);
        return sum;
    }
}
