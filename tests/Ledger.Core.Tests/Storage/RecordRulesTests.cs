using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Storage;

/// <summary>Which record of a key is current: the one of the highest sequence, whatever order the store hands them in.</summary>
public sealed class RecordRulesTests
{
    [Fact]
    public void The_latest_record_of_each_key_wins_in_the_order_of_each_key_s_oldest_record()
    {
        (long, (string Key, string Value))[] inOrder = [(3, ("b", "b1")), (5, ("a", "a1")), (8, ("b", "b2")), (9, ("c", "c1")), (12, ("a", "a2"))];
        (long, (string Key, string Value))[] shuffled = [inOrder[4], inOrder[1], inOrder[3], inOrder[0], inOrder[2]];

        foreach (var records in new[] { inOrder, shuffled })
        {
            var latest = RecordRules.Latest(records, r => r.Key);

            Assert.Equal(["b", "a", "c"], latest.Keys);
            Assert.Equal(["b2", "a2", "c1"], latest.Values.Select(r => r.Value));
        }
    }

    [Fact]
    public void No_records_have_no_latest()
    {
        Assert.Empty(RecordRules.Latest(Array.Empty<(long, string)>(), r => r));
    }
}
