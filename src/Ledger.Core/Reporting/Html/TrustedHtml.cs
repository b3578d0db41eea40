namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Markup the report's own code built (the SVG plots), which the template context writes as is. The one escape
/// hatch from <see cref="EscapingTemplateContext"/>: only code that emits numbers and fixed strings may make one,
/// never code that copies user-supplied text into it unencoded (a plot's title and description pass through
/// <see cref="EscapingTemplateContext.EncodeHtml"/>).
/// </summary>
public sealed class TrustedHtml(string markup)
{
    private byte[]? _utf8;

    public string Markup { get; } = markup;

    /// <summary>The markup as UTF-8, encoded on first use and kept: a recipe section is written into every page that shows it.</summary>
    public byte[] Utf8 => _utf8 ??= System.Text.Encoding.UTF8.GetBytes(Markup);

    public override string ToString() => Markup;
}
