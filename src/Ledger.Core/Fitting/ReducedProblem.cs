namespace Ledger.Core.Fitting;

/// <summary>The nonlinear basis function g(C; theta) of a reduced problem.</summary>
internal enum BasisKind
{
    /// <summary>s = 1 / (1 + (C_mid / C)^B), theta = (ln B, ln C_mid); s(0) = 0.</summary>
    Sigmoid,
    /// <summary>1 - s, written so it keeps its precision where s is near 1.</summary>
    SigmoidComplement,
    /// <summary>C^(-theta), theta = the exponent.</summary>
    Power,
    /// <summary>
    /// Richards' generalized logistic r = (1 + nu (C_mid / C)^B)^(-1/nu), theta = (ln B, ln C_mid) and nu the problem's
    /// <see cref="ReducedProblem.Shape"/>: the sigmoid at nu = 1, with one more parameter for the bend's asymmetry.
    /// </summary>
    Richards,
}

/// <summary>Which linear coefficients variable projection solves for in y - shift = c0 + c1 g.</summary>
internal enum LinearMode
{
    /// <summary>c0 and c1 both free: an intercept and a scale.</summary>
    InterceptAndScale,
    /// <summary>c0 = 0, c1 free.</summary>
    Scale,
    /// <summary>c0 = 0, c1 fixed: a purely nonlinear problem (the profile of a 3-parameter sigmoid).</summary>
    FixedScale,
}

/// <summary>
/// One least-squares problem of the form y - Shift = c0 + c1 g(C; theta): every Ledger model, and every profile of
/// one, reduces to this, so one variable-projection solver serves them all.
/// </summary>
/// <param name="Shape">Richards' nu, for <see cref="BasisKind.Richards"/> only.</param>
internal readonly record struct ReducedProblem(
    BasisKind Basis,
    LinearMode Mode,
    double Shift,
    double FixedScale,
    ParameterBox Box,
    double Shape = 1.0)
{
    public int NonlinearCount => Basis == BasisKind.Power ? 1 : 2;

    public int LinearCount => Mode switch
    {
        LinearMode.InterceptAndScale => 2,
        LinearMode.Scale => 1,
        _ => 0,
    };
}

/// <summary>Box bounds on the nonlinear parameters (in the solver's own units: ln B, ln C_mid, or an exponent).</summary>
internal readonly record struct ParameterBox(double Lower0, double Upper0, double Lower1, double Upper1)
{
    public double Clamp0(double value) => Math.Clamp(value, Lower0, Upper0);
    public double Clamp1(double value) => Math.Clamp(value, Lower1, Upper1);

    /// <summary>True when a parameter sits at (or within a whisker of) an edge of the box: the data did not pin it.</summary>
    public bool AtEdge(double t0, double t1, int count)
    {
        var edge0 = NearEdge(t0, Lower0, Upper0);
        return count == 1 ? edge0 : edge0 || NearEdge(t1, Lower1, Upper1);
    }

    private static bool NearEdge(double value, double lower, double upper)
    {
        var margin = 1e-6 * (upper - lower);
        return value <= lower + margin || value >= upper - margin;
    }
}
