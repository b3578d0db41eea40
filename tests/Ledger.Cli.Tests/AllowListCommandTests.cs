namespace Ledger.Cli.Tests;

/// <summary>The allow-list as the installed tool reads it: every mistake is exit 2 at its line and column, before the ledger is touched.</summary>
[Collection(InstalledToolCollection.Name)]
public sealed class AllowListCommandTests(InstalledTool tool) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ledger-allow-cmd-").FullName;

    private string Db => Path.Combine(_work, "ledger.db");

    [Theory]
    [InlineData("[1,2,3]", "(1,1): error LEDGER122: found an array at the top level")]
    [InlineData("\"str\"", "(1,1): error LEDGER122: found a string at the top level")]
    [InlineData("{ \"allow\": [\n  { \"recipe\": \"reference\", \"reason\": \"r\", \"commit\": \"\" } ] }", "(2,53): error LEDGER122: found commit '' for 'reference'")]
    [InlineData("{ \"allow\": [\n  { \"recipe\": \"reference\", \"reason\": \"r\", \"expires\": \"2026-02-30\" } ] }", "(2,54): error LEDGER122: found expires '2026-02-30'")]
    public void A_malformed_allow_list_is_exit_2_at_its_place_and_the_ledger_is_not_created(string json, string error)
    {
        WriteLogs();
        File.WriteAllText(Path.Combine(_work, "ledger.allow.json"), json);

        var check = tool.Run(_work, "check", "runs", "--db", Db, "--commit", "c1", "--branch", "main");

        Assert.Equal(2, check.ExitCode);
        Assert.Equal(Path.Combine(_work, "ledger.allow.json") + error, check.Stderr[..(check.Stderr.IndexOf(error, StringComparison.Ordinal) + error.Length)]);
        Assert.DoesNotContain("Unhandled", check.Stderr);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void A_named_allow_list_that_does_not_exist_is_exit_2_and_the_default_one_may_be_missing()
    {
        WriteLogs();

        var named = tool.Run(_work, "check", "runs", "--db", Db, "--commit", "c1", "--branch", "main", "--allow-list", "ci/ledger.allow.json");
        var missingDb = File.Exists(Db);
        var byDefault = tool.Run(_work, "check", "runs", "--db", Db, "--commit", "c1", "--branch", "main", "--bootstrap", "100");

        Assert.Equal(2, named.ExitCode);
        Assert.StartsWith($"{Path.Combine(_work, "ci", "ledger.allow.json")}: error LEDGER101: found no such file", named.Stderr);
        Assert.False(missingDb);
        Assert.Equal(0, byDefault.ExitCode);
    }

    private void WriteLogs()
    {
        for (var seed = 1; seed <= 3; seed++)
            TestLogs.WriteSigmoid(Path.Combine(_work, "runs", "reference", $"seed{seed}.csv"), seed);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
