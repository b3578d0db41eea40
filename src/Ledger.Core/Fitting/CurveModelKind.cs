namespace Ledger.Core.Fitting;

/// <summary>The curve families Ledger fits (PRODUCT.md section 1).</summary>
public enum CurveModelKind
{
    /// <summary>R = R0 + (A - R0) / (1 + (C_mid / C)^B) with R0 fixed (0 unless an option fixes it).</summary>
    Sigmoid,
    /// <summary>The same curve with R0 fitted: the 4-parameter log-logistic.</summary>
    Sigmoid4,
    /// <summary>L = K X^(-E).</summary>
    Power,
    /// <summary>L = E_inf + K X^(-alpha).</summary>
    PowerOffset,
}

public static class CurveModelNames
{
    public static IReadOnlyList<string> All { get; } = ["sigmoid", "sigmoid4", "power", "power-offset"];

    public static string Name(this CurveModelKind kind) => kind switch
    {
        CurveModelKind.Sigmoid => "sigmoid",
        CurveModelKind.Sigmoid4 => "sigmoid4",
        CurveModelKind.Power => "power",
        CurveModelKind.PowerOffset => "power-offset",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly CurveModelKind[] Kinds = Enum.GetValues<CurveModelKind>();

    public static bool TryParse(string text, out CurveModelKind kind)
    {
        // Not Enum.GetValues, which copies the values for every call: a long history parses a model name per stored fit.
        foreach (var candidate in Kinds)
        {
            if (string.Equals(candidate.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
