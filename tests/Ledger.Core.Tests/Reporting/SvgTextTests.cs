using System.Xml.Linq;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>
/// A plot's words for screen readers hold recipe and branch names, the one user text an SVG carries: they must arrive as
/// text (markup, quotes and direction overrides included), in a title and a desc the svg element points at by id.
/// </summary>
public sealed class SvgTextTests
{
    private const string Hostile = "\"><script>alert(1)</script>&\u202Eexe.png";

    [Fact]
    public void A_plot_s_title_and_description_are_encoded_text_that_the_svg_is_named_and_described_by()
    {
        var text = new PlotText(Hostile + ": A over time", "A from 0.7 to 0.6 on " + Hostile);

        var svg = XElement.Parse(new Svg(720, 384, text).Close().Markup);

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("img", (string?)svg.Attribute("role"));
        var title = Assert.Single(svg.Elements(ns + "title"));
        var desc = Assert.Single(svg.Elements(ns + "desc"));
        Assert.Equal((string?)title.Attribute("id"), (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal((string?)desc.Attribute("id"), (string?)svg.Attribute("aria-describedby"));
        Assert.NotEqual((string?)title.Attribute("id"), (string?)desc.Attribute("id"));
        // The text as written, but for the direction override, which is shown as its code point so it cannot reverse what follows.
        Assert.Equal(Hostile.Replace("\u202E", "[U+202E]") + ": A over time", title.Value);
        Assert.Equal("A from 0.7 to 0.6 on " + Hostile.Replace("\u202E", "[U+202E]"), desc.Value);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
    }

    [Fact]
    public void Plots_with_other_words_get_other_ids_and_a_legend_key_is_hidden_from_screen_readers()
    {
        Assert.NotEqual(new PlotText("cispo: A over time", "A 0.7").Id, new PlotText("grpo: A over time", "A 0.7").Id);
        Assert.Equal(new PlotText("cispo: A over time", "A 0.7").Id, new PlotText("cispo: A over time", "A 0.7").Id);

        var key = XElement.Parse(new Svg(14, 14, null, "marker").Close().Markup);

        Assert.Equal("true", (string?)key.Attribute("aria-hidden"));
        Assert.Null(key.Attribute("role"));
        Assert.Empty(key.Elements());
    }

    [Fact]
    public void Drawings_made_one_after_another_on_a_thread_hold_only_their_own_markup_in_utf8()
    {
        var first = new Svg(720, 384, new PlotText("recipe-\u65E5\u672C: A over time", "first")).Close();
        var second = new Svg(14, 14, null, "marker").Close();
        var third = Svg.Fragment().CloseFragment();

        // Each of the two characters is three bytes in UTF-8.
        Assert.True(first.Utf8.AsSpan().IndexOf("recipe-\u65E5\u672C: A over time"u8) >= 0);
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"marker\" viewBox=\"0 0 14 14\" aria-hidden=\"true\"></svg>", second.Markup);
        Assert.Empty(third.Utf8);
    }
}
