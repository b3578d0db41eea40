using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage;

public class LedgerPathTests
{
    private static Func<string, string?> Environment(string? ledgerDb) =>
        name => name == "LEDGER_DB" ? ledgerDb : null;

    [Fact]
    public void The_db_option_wins_over_the_environment() =>
        Assert.Equal("ci/ledger.db", LedgerPath.Resolve("ci/ledger.db", Environment("/env/ledger.db")));

    [Fact]
    public void The_environment_is_used_without_an_option() =>
        Assert.Equal("/env/ledger.db", LedgerPath.Resolve(null, Environment("/env/ledger.db")));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(" ", "  ")]
    public void Without_option_or_environment_it_is_ledger_db_in_the_working_directory(string? option, string? environment) =>
        Assert.Equal("ledger.db", LedgerPath.Resolve(option, Environment(environment)));
}
