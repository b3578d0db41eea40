namespace Ledger.Core.Gating;

/// <summary>What the gate says of one recipe in one build (PRODUCT.md section 2).</summary>
public enum VerdictKind
{
    Pass,
    Regressed,
    Improved,
    /// <summary>No baseline fit to compare with.</summary>
    New,
    /// <summary>In the baseline, absent now.</summary>
    Missing,
    /// <summary>One of the two fits cannot tell A: never a pass or a fail.</summary>
    Unidentified,
    /// <summary>A significant regression that an active allow-list entry accepts.</summary>
    Allowed,
}

public static class VerdictNames
{
    public static string Name(this VerdictKind kind) => kind.ToString().ToLowerInvariant();
}
