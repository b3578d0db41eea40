namespace Ledger.Core.Storage;

/// <summary>A record of the ledger that cannot be read, or whose content contradicts it: what `ledger verify` reports.</summary>
/// <param name="Record">Which record: "runs 3f2a…", "snapshots 4", "collection fits".</param>
/// <param name="Problem">What is wrong with it, in words.</param>
public sealed record LedgerDamage(string Record, string Problem)
{
    public override string ToString() => $"{Record}: {Problem}";
}
