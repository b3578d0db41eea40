using System.Text;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Tests.Support;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// A fit's summary holds what reading its A needs: read from the summary, every fit of ledger.db.example (real fits by the
/// fit engine) gives the same fields, to the bit, as read from its whole payload.
/// </summary>
public sealed class FitSummaryTextTests
{
    private static IReadOnlyList<StoredFit> ExampleFits()
    {
        using var store = LiteDbLedgerStore.OpenReadOnly(Path.Combine(TestData.Repository, "ledger.db.example"));
        return [.. store.GetSnapshots().SelectMany(s => store.GetFits(s.Id))];
    }

    /// <summary>The fields of a payload summary, numbers as their bits, as one comparable text.</summary>
    private static string Fields(FitPayloadSummary s) => string.Join("|",
        s.Recipe, s.Model, s.Status, s.Reason, s.FitterVersion, s.InputDigest, s.AsymptoteName, s.Metric,
        s.Seeds is { } seeds ? $"{BitConverter.DoubleToInt64Bits(seeds.Variance)}/{seeds.DegreesOfFreedom}" : "none",
        s.PointCount, s.RunCount, Bits(s.ConfidenceLevel), Bits(s.RSquared), Bits(s.Rmse), Bits(s.Sse), string.Join(",", s.Runs),
        string.Join(",", s.Parameters.Select(p => $"{p.Name}:{Bits(p.Value)}:{Bits(p.StandardError)}:{Bits(p.Interval.Lower)}:{Bits(p.Interval.Upper)}")));

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    [Fact]
    public void Every_example_fit_reads_the_same_from_its_summary_as_from_its_payload_and_the_summary_is_under_three_fifths_of_it()
    {
        var fits = ExampleFits();
        Assert.True(fits.Count >= 50);
        foreach (var fit in fits)
        {
            var (payload, summary) = (Encoding.UTF8.GetBytes(fit.PayloadJson), FitSummaryText.Of(fit.PayloadJson));
            Assert.Equal(Fields(FitPayloadSummary.Read(payload)), Fields(FitPayloadSummary.Read(summary)));
            Assert.True(summary.Length * 5 < payload.Length * 3, $"{fit.Recipe}: {summary.Length} of {payload.Length} bytes");
            Assert.Equal(summary, FitSummaryText.Of(Encoding.UTF8.GetString(summary)));
        }
    }

    [Fact]
    public void The_kept_properties_keep_their_order_and_their_text_as_written()
    {
        const string payload = """{"engine":"x","recipe":"r\u00e9","parameters":[{"name":"A","value":1.0E-7}],"bootstrap":{"a":[1,{"b":2}]},"rmse":"NaN", "sse" : 0.50}""";

        Assert.Equal("""{"recipe":"r\u00e9","parameters":[{"name":"A","value":1.0E-7}],"rmse":"NaN","sse":0.50}""", Encoding.UTF8.GetString(FitSummaryText.Of(payload)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"recipe":"a" """)]
    [InlineData("""{"recipe":"a"} trailing""")]
    public void A_payload_that_is_not_a_json_object_is_handed_on_as_it_is_for_its_reader_to_refuse(string payload) =>
        Assert.Equal(payload, Encoding.UTF8.GetString(FitSummaryText.Of(payload)));
}
