using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>Look-ups by a field's value, which the store passes to LiteDB as a parameter: any text is only a value.</summary>
public sealed class FieldQueryTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string DbPath => _folder.File("ledger.db");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("feature/\"quoted\"")]
    [InlineData("back\\slash")]
    [InlineData("it's = @0 OR 1 = 1")]
    [InlineData("ünïcödé 🚀")]
    public void A_snapshot_is_found_by_any_branch_or_commit_text_and_only_by_its_own(string name)
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var own = store.Append(SampleRuns.Draft(name, name), [SampleRuns.Run()]).Snapshot.Id;
        store.Append(SampleRuns.Draft("other", "main"), [SampleRuns.Run()]);

        Assert.Equal([own], store.GetSnapshots(branch: name).Select(s => s.Id));
        Assert.Equal([own], store.GetSnapshots(commit: name).Select(s => s.Id));
        Assert.Equal(own, store.Append(SampleRuns.Draft(name, name), [SampleRuns.Run("b")]).Snapshot.Id);
    }

    [Fact]
    public void Fits_and_verdicts_are_found_by_their_snapshot_and_the_fit_cache_by_its_digest()
    {
        using var store = LiteDbLedgerStore.Open(DbPath);
        var first = store.Append(SampleRuns.Draft("c1"), [SampleRuns.Run()]).Snapshot.Id;
        var second = store.Append(SampleRuns.Draft("c2"), [SampleRuns.Run()]).Snapshot.Id;
        store.RecordFits(first, [SampleRuns.Fit(inputDigest: "digest-1")]);
        store.RecordFits(second, [SampleRuns.Fit(inputDigest: "digest-2")]);
        store.RecordVerdicts([new(second, "grpo-b512", "pass", first, 0, 0, 0, false, null)]);

        Assert.Equal("digest-1", Assert.Single(store.GetFits(first)).InputDigest);
        Assert.Equal("digest-2", store.FindFit("digest-2")!.InputDigest);
        Assert.Null(store.FindFit("digest-3"));
        Assert.Empty(store.GetVerdicts(first));
        Assert.Single(store.GetVerdicts(second));
    }
}
