namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Markup the report's own code built (the SVG plots), which the template context writes as is. The one escape
/// hatch from <see cref="EscapingTemplateContext"/>: only code that emits numbers and fixed strings may make one,
/// never code that copies user-supplied text into it.
/// </summary>
public sealed class TrustedHtml(string markup)
{
    public string Markup { get; } = markup;

    public override string ToString() => Markup;
}
