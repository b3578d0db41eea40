namespace Ledger.Core.Gating;

/// <summary>
/// The trigamma function and its inverse, which limma's prior estimate needs and MathNet does not have (MathNet's
/// DiGamma serves for the digamma function).
/// </summary>
internal static class Polygamma
{
    /// <summary>psi'(x) for x > 0: the recurrence psi'(x) = psi'(x + 1) + 1 / x^2 up to x >= 12, then the asymptotic series (error below 1e-13).</summary>
    public static double Trigamma(double x)
    {
        var sum = 0.0;
        while (x < 12)
        {
            sum += 1 / (x * x);
            x++;
        }
        var inverse = 1 / x;
        var inverse2 = inverse * inverse;
        // 1/x + 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7) - 1/(30x^9)
        return sum + inverse + inverse2 / 2 + inverse * inverse2 * (1.0 / 6 - inverse2 * (1.0 / 30 - inverse2 * (1.0 / 42 - inverse2 / 30)));
    }

    /// <summary>The x > 0 with psi'(x) = y, for y > 0, by Newton's method on 1/psi' as limma's trigammaInverse does.</summary>
    public static double TrigammaInverse(double y)
    {
        if (y > 1e7)
            return 1 / Math.Sqrt(y);
        if (y < 1e-6)
            return 1 / y;
        var x = 0.5 + 1 / y;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var tri = Trigamma(x);
            var step = tri * (1 - tri / y) / Tetragamma(x);
            x += step;
            if (-step / x < 1e-8)
                break;
        }
        return x;
    }

    /// <summary>psi''(x), the derivative of trigamma, by the same recurrence and series.</summary>
    private static double Tetragamma(double x)
    {
        var sum = 0.0;
        while (x < 12)
        {
            sum -= 2 / (x * x * x);
            x++;
        }
        var inverse = 1 / x;
        var inverse2 = inverse * inverse;
        // -1/x^2 - 1/x^3 - 1/(2x^4) + 1/(6x^6) - 1/(6x^8) + 3/(10x^10)
        return sum - inverse2 - inverse2 * inverse - inverse2 * inverse2 * (0.5 - inverse2 * (1.0 / 6 - inverse2 * (1.0 / 6 - inverse2 * 0.3)));
    }
}
