using Ledger.Core.Diagnostics;

namespace Ledger.Core.Tests.Diagnostics;

/// <summary>A fault of Ledger is reported in one line that names what failed; the stack trace only when asked for.</summary>
public sealed class FaultReportTests
{
    [Fact]
    public void A_fault_is_one_line_naming_the_exception_even_from_inside_a_parallel_loop()
    {
        var fault = new AggregateException(new InvalidOperationException("boom\n::error::forged"));

        var line = FaultReport.Message(fault, "the build log");

        Assert.Equal("Ledger failed unexpectedly (InvalidOperationException: boom\\n::error::forged); this is a fault of Ledger: please file an issue with the build log", line);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    public void LEDGER_DEBUG_asks_for_the_stack_trace(string? value, bool debugging)
    {
        Assert.Equal(debugging, FaultReport.Debugging(name => name == FaultReport.DebugVariable ? value : null));
    }
}
