using System.Security.Cryptography;
using System.Text;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// What a plot says to a reader who cannot see it: a title naming it and a description of what it shows in numbers.
/// The SVG carries them as its &lt;title&gt; and &lt;desc&gt; (encoded: they hold recipe and branch names) and names itself by them.
/// </summary>
public sealed record PlotText(string Title, string Description)
{
    /// <summary>
    /// The prefix of the ids of the title and description: made from their text, so a page never holds two plots whose ids
    /// clash unless their words are the same too, and a section's markup, shared by every page that shows it, stays the same.
    /// </summary>
    public string Id { get; } = "plot-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Title + "\n" + Description)))[..16];
}
