using Ledger.Core.Diagnostics;
using Ledger.Core.Gating;

namespace Ledger.Core.Tests.Diagnostics;

/// <summary>User text in diagnostics stays on its line: a name cannot forge a second diagnostic or a workflow command.</summary>
public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("runs/seed1.csv", "runs/seed1.csv")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("a\r\n::error::x", "a\\r\\n::error::x")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("\u001B[31mred", "\\u001B[31mred")]
    [InlineData("\u0085next-line", "\\u0085next-line")]
    [InlineData("\u202Egnp.exe", "[U+202E]gnp.exe")]
    [InlineData("é \U0001F680 grpo", "é \U0001F680 grpo")]
    public void Controls_and_bidi_controls_are_written_out_and_other_text_is_kept(string text, string shown)
    {
        Assert.Equal(shown, DisplayText.Escape(text));
    }

    [Fact]
    public void A_file_name_with_a_line_break_keeps_the_canonical_error_on_one_line()
    {
        var hostile = "runs/x.csv(1,1): error LEDGER999: forged\n::error::injected.csv";
        var error = new LedgerInputException(ErrorCodes.NotANumber, new SourceLocation(hostile, 3, 7), "'a\nb'", "a number");

        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.StartsWith("runs/x.csv(1,1): error LEDGER999: forged\\n::error::injected.csv(3,7): error LEDGER106: found 'a\\nb'", error.Message);
        Assert.Equal(hostile, error.Location.File);
    }

    [Fact]
    public void A_gate_diagnostic_on_stderr_is_one_line_whatever_the_log_and_recipe_are_called()
    {
        var diagnostic = new GateDiagnostic(DiagnosticSeverity.Error, ErrorCodes.Regression, "runs/a\n::error::b.csv", "recipe 'x\r\n::warning::y' fell");

        Assert.Equal("runs/a\\n::error::b.csv : error LEDGER201: recipe 'x\\r\\n::warning::y' fell", diagnostic.Canonical());
    }
}
