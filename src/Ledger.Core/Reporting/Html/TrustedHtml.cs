namespace Ledger.Core.Reporting.Html;

/// <summary>
/// Markup the report's own code built (the SVG plots), which the template context writes as is. The one escape
/// hatch from <see cref="EscapingTemplateContext"/>: only code that emits numbers and fixed strings may make one,
/// never code that copies user-supplied text into it unencoded (a plot's title and description pass through
/// <see cref="EscapingTemplateContext.EncodeHtml"/>).
/// </summary>
public sealed class TrustedHtml
{
    private string? _markup;
    private byte[]? _utf8;

    public TrustedHtml(string markup) => _markup = markup;

    private TrustedHtml(byte[] utf8) => _utf8 = utf8;

    /// <summary>The markup as text, decoded on first use when it was rendered as UTF-8 (a recipe section is, and pages only copy its bytes).</summary>
    public string Markup => _markup ??= System.Text.Encoding.UTF8.GetString(_utf8!);

    /// <summary>The markup as UTF-8, encoded on first use and kept: a recipe section is written into every page that shows it.</summary>
    public byte[] Utf8 => _utf8 ??= System.Text.Encoding.UTF8.GetBytes(_markup!);

    /// <summary>Markup a template rendered straight into UTF-8 (<see cref="ReportTemplates.RenderUtf8"/>).</summary>
    internal static TrustedHtml FromUtf8(byte[] utf8) => new(utf8);

    public override string ToString() => Markup;
}
