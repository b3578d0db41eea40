namespace Ledger.Core.Fitting;

/// <summary>
/// A curve family as the solver sees it: the reduced problem that fits it, how its natural parameters (A, B,
/// C_mid, ...) follow from the solver's internal ones (c0, c1, theta), and the reduced problem that profiles its
/// asymptote. Internal parameters are ordered: the free linear coefficients, then theta.
/// </summary>
internal abstract class CurveModel
{
    public abstract CurveModelKind Kind { get; }
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Index of the asymptote (A, or E_inf) among the natural parameters; null when the family has none.</summary>
    public abstract int? AsymptoteIndex { get; }

    /// <summary>Parameters that live on a log scale (B, C_mid): their intervals are computed there, so they stay positive.</summary>
    public virtual bool IsLogScale(int naturalIndex) => false;

    public abstract ReducedProblem Problem(ParameterBox box);

    /// <summary>The problem with the asymptote held at <paramref name="asymptote"/>, or null when there is no asymptote.</summary>
    public abstract ReducedProblem? ProfileProblem(double asymptote, ParameterBox box);

    public abstract double[] Natural(in SolverResult fit);

    /// <summary>d natural / d internal at the fit: maps the internal covariance to the natural one.</summary>
    public abstract double[,] NaturalJacobian(in SolverResult fit);

    public static CurveModel For(FitOptions options) => options.Model switch
    {
        CurveModelKind.Sigmoid => new SigmoidModel(options.FixedR0 ?? 0.0, CurveModelKind.Sigmoid),
        CurveModelKind.Sigmoid4 when options.FixedR0 is { } r0 => new SigmoidModel(r0, CurveModelKind.Sigmoid4),
        CurveModelKind.Sigmoid4 => new Sigmoid4Model(),
        CurveModelKind.Power => new PowerModel(),
        CurveModelKind.PowerOffset => new PowerOffsetModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}

/// <summary>R = R0 + (A - R0) s(C) with R0 fixed: y - R0 = c1 s, A = R0 + c1.</summary>
internal sealed class SigmoidModel(double r0, CurveModelKind kind) : CurveModel
{
    public double R0 { get; } = r0;
    public override CurveModelKind Kind { get; } = kind;
    public override IReadOnlyList<string> ParameterNames { get; } = ["A", "B", "C_mid"];
    public override int? AsymptoteIndex => 0;
    public override bool IsLogScale(int naturalIndex) => naturalIndex > 0;

    public override ReducedProblem Problem(ParameterBox box) => new(BasisKind.Sigmoid, LinearMode.Scale, R0, 0, box);

    public override ReducedProblem? ProfileProblem(double asymptote, ParameterBox box) =>
        new ReducedProblem(BasisKind.Sigmoid, LinearMode.FixedScale, R0, asymptote - R0, box);

    public override double[] Natural(in SolverResult fit) => [R0 + fit.C1, Math.Exp(fit.T0), Math.Exp(fit.T1)];

    public override double[,] NaturalJacobian(in SolverResult fit) => new double[,]
    {
        { 1, 0, 0 },
        { 0, Math.Exp(fit.T0), 0 },
        { 0, 0, Math.Exp(fit.T1) },
    };
}

/// <summary>The 4-parameter log-logistic: y = c0 + c1 s, R0 = c0, A = c0 + c1.</summary>
internal sealed class Sigmoid4Model : CurveModel
{
    public override CurveModelKind Kind => CurveModelKind.Sigmoid4;
    public override IReadOnlyList<string> ParameterNames { get; } = ["R0", "A", "B", "C_mid"];
    public override int? AsymptoteIndex => 1;
    public override bool IsLogScale(int naturalIndex) => naturalIndex > 1;

    public override ReducedProblem Problem(ParameterBox box) => new(BasisKind.Sigmoid, LinearMode.InterceptAndScale, 0, 0, box);

    // With A held at a: y - a = (R0 - a)(1 - s), a one-coefficient problem on the complement of s.
    public override ReducedProblem? ProfileProblem(double asymptote, ParameterBox box) =>
        new ReducedProblem(BasisKind.SigmoidComplement, LinearMode.Scale, asymptote, 0, box);

    public override double[] Natural(in SolverResult fit) => [fit.C0, fit.C0 + fit.C1, Math.Exp(fit.T0), Math.Exp(fit.T1)];

    public override double[,] NaturalJacobian(in SolverResult fit) => new double[,]
    {
        { 1, 0, 0, 0 },
        { 1, 1, 0, 0 },
        { 0, 0, Math.Exp(fit.T0), 0 },
        { 0, 0, 0, Math.Exp(fit.T1) },
    };
}

/// <summary>L = K X^(-E): y = c1 g, K = c1, E = theta.</summary>
internal sealed class PowerModel : CurveModel
{
    public override CurveModelKind Kind => CurveModelKind.Power;
    public override IReadOnlyList<string> ParameterNames { get; } = ["K", "E"];
    public override int? AsymptoteIndex => null;

    public override ReducedProblem Problem(ParameterBox box) => new(BasisKind.Power, LinearMode.Scale, 0, 0, box);

    public override ReducedProblem? ProfileProblem(double asymptote, ParameterBox box) => null;

    public override double[] Natural(in SolverResult fit) => [fit.C1, fit.T0];

    public override double[,] NaturalJacobian(in SolverResult fit) => new double[,] { { 1, 0 }, { 0, 1 } };
}

/// <summary>L = E_inf + K X^(-alpha): y = c0 + c1 g.</summary>
internal sealed class PowerOffsetModel : CurveModel
{
    public override CurveModelKind Kind => CurveModelKind.PowerOffset;
    public override IReadOnlyList<string> ParameterNames { get; } = ["E_inf", "K", "alpha"];
    public override int? AsymptoteIndex => 0;

    public override ReducedProblem Problem(ParameterBox box) => new(BasisKind.Power, LinearMode.InterceptAndScale, 0, 0, box);

    public override ReducedProblem? ProfileProblem(double asymptote, ParameterBox box) =>
        new ReducedProblem(BasisKind.Power, LinearMode.Scale, asymptote, 0, box);

    public override double[] Natural(in SolverResult fit) => [fit.C0, fit.C1, fit.T0];

    public override double[,] NaturalJacobian(in SolverResult fit) => new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
}
