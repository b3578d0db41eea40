namespace Ledger.Core.Fitting;

/// <summary>
/// Where the solver may look, derived from the data. Bounds are part of the model, not a convenience: on data that
/// end before the bend, an unbounded fit finds a tiny complete S in the noise (B in the hundreds, C_mid far from
/// the data) with a tight interval on a wrong A. A fit that ends on an edge of this box is therefore unidentified.
/// </summary>
internal static class SearchBox
{
    /// <summary>
    /// B is bounded in units of the data's span L = ln(C_max / C_min): B L between 0.5 (the curve barely bends over
    /// the data) and 60 (a step). ScaleRL's B of 1.1 to 2.4 over a typical L of 3 to 6 sits well inside, and so do
    /// curves on other scales (NIST Rat42: B = 0.067 over L = 70). C_mid may lie up to one span outside the data.
    /// </summary>
    public static ParameterBox Sigmoid(double logMin, double logMax)
    {
        var span = logMax - logMin;
        var lowerB = Math.Min(0.1, 0.5 / span);
        var upperB = Math.Max(10.0, 60.0 / span);
        return new ParameterBox(Math.Log(lowerB), Math.Log(upperB), logMin - span, logMax + span);
    }

    /// <summary>The exponent of a pure power law: either sign (NIST DanWood rises with E = -3.86).</summary>
    public static ParameterBox Power() => new(-20, 20, 0, 0);

    /// <summary>The decay exponent of a power law with an offset: positive, or the offset and K are not separable.</summary>
    public static ParameterBox PowerOffset() => new(0.01, 10, 0, 0);

    public static ParameterBox For(CurveModelKind kind, double logMin, double logMax) => kind switch
    {
        CurveModelKind.Sigmoid or CurveModelKind.Sigmoid4 => Sigmoid(logMin, logMax),
        CurveModelKind.Power => Power(),
        _ => PowerOffset(),
    };
}
