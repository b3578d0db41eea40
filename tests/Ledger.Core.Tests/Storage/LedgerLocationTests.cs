using Ledger.Core.Diagnostics;
using Ledger.Core.Storage;
using Ledger.Core.Storage.Postgres;
using Npgsql;

namespace Ledger.Core.Tests.Storage;

public class LedgerLocationTests
{
    private static readonly SourceLocation Db = SourceLocation.WholeFile("--db");

    [Theory]
    [InlineData("ledger.db")]
    [InlineData("/data/team ledger.db")]
    [InlineData("postgresql.db")]
    [InlineData("./postgresql:/x.db")]
    public void Anything_that_is_not_a_postgresql_address_is_a_file(string text)
    {
        var location = LedgerLocation.Parse(text, Db);
        Assert.False(location.IsServer);
        Assert.Equal(text, location.File);
    }

    [Fact]
    public void An_address_gives_every_part_percent_decoded_and_its_options_by_npgsql_keyword()
    {
        var server = LedgerLocation.Parse("postgresql://ci%40team:s%3Acret@db.example:6432/ledger%20main?sslmode=require&application_name=ci", Db).Server!;

        Assert.Equal(("ci@team", "db.example", 6432, "ledger main"), (server.User, server.Host, server.Port, server.Database));
        Assert.Equal("s:cret", server.Password);
        Assert.Equal(new Dictionary<string, string> { ["Application Name"] = "ci", ["SSL Mode"] = "require" }, server.Settings);
        var connection = new NpgsqlConnectionStringBuilder(PostgresCall.ConnectionString(server));
        Assert.Equal(("ci@team", "s:cret", "db.example", 6432, "ledger main", SslMode.Require), (connection.Username, connection.Password, connection.Host, connection.Port, connection.Database, connection.SslMode));
    }

    [Theory]
    [InlineData("postgres://u@[::1]:5433/l", "::1", 5433, "l")]
    [InlineData("postgresql://u@%2Frun%2Fpostgresql/l", "/run/postgresql", null, "l")]
    [InlineData("postgresql:///l?host=/tmp/pg&port=7000&user=u", "/tmp/pg", 7000, "l")]
    [InlineData("POSTGRESQL://u@h", "h", null, null)]
    public void Hosts_may_be_IPv6_a_socket_folder_or_given_as_options(string text, string host, int? port, string? database)
    {
        var server = LedgerLocation.Parse(text, Db).Server!;
        Assert.Equal((host, port, database, "u"), (server.Host, server.Port, server.Database, server.User));
    }

    [Theory]
    [InlineData("postgresql://ci:hunter2@db:5432/ledger", "postgresql://ci@db:5432/ledger")]
    [InlineData("postgresql://ci@db/ledger?password=hunter2&sslmode=verify-full", "postgresql://ci@db/ledger?sslmode=verify-full")]
    public void What_messages_show_of_an_address_never_holds_its_password(string text, string display)
    {
        var location = LedgerLocation.Parse(text, Db);
        Assert.Equal(display, location.Display);
        Assert.Equal(display, location.ToString());
    }

    [Theory]
    [InlineData("postgresql://ci:hunter2@db:99999/ledger", "a port from 1 to 65535")]
    [InlineData("postgresql://ci:hunter2@db/ledger?sslmod=require", "found 'sslmod'")]
    [InlineData("postgresql://ci:hunter2@[::1/ledger", "IPv6")]
    [InlineData("postgresql://ci@db/ledger?password=hunter2&bogus=1", "found 'bogus'")]
    public void An_address_that_cannot_be_read_is_LEDGER140_naming_what_was_wrong_but_not_the_password(string text, string expected)
    {
        var error = Assert.Throws<LedgerInputException>(() => LedgerLocation.Parse(text, Db));
        Assert.Equal(ErrorCodes.InvalidLedgerAddress, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("--db: error LEDGER140:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_s_file_is_made_absolute_and_an_address_is_kept_as_it_is()
    {
        Assert.Equal(Path.Combine("/p", "data", "l.db"), LedgerLocation.Parse("data/l.db", Db).RelativeTo("/p").File);
        Assert.Equal("postgresql://u@h/l", LedgerLocation.Parse("postgresql://u@h/l", Db).RelativeTo("/p").Display);
    }
}
