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
    /// <summary>A significant regression (or an unverified recipe) that an active allow-list entry accepts.</summary>
    Allowed,
    /// <summary>A fell by more than the tolerance by its estimate, but the data do not show it: a warning.</summary>
    Suspect,
    /// <summary>
    /// The baseline's A was identified, this build's is not, and the model-free comparison shows no clear drop: nothing
    /// shows the recipe kept its ceiling, so it fails the build unless unverified recipes are set to warn.
    /// </summary>
    Unverified,
    /// <summary>The sigmoid and a richer curve family disagree about A by more than the tolerance (a warning).</summary>
    ModelDependent,
}

public static class VerdictNames
{
    /// <summary>The order people read verdicts in: what fails first, then what needs a look, then the rest.</summary>
    public static IReadOnlyList<VerdictKind> ReadingOrder { get; } =
    [
        VerdictKind.Regressed, VerdictKind.Unverified, VerdictKind.Allowed, VerdictKind.Suspect, VerdictKind.ModelDependent,
        VerdictKind.Unidentified, VerdictKind.Missing, VerdictKind.Improved, VerdictKind.New, VerdictKind.Pass,
    ];

    /// <summary>A verdict's place in <see cref="ReadingOrder"/>.</summary>
    public static int Rank(VerdictKind kind) => ReadingOrder.ToList().IndexOf(kind);

    public static string Name(this VerdictKind kind) => kind == VerdictKind.ModelDependent ? "model-dependent" : kind.ToString().ToLowerInvariant();
}
