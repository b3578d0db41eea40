using Ledger.Core.Fitting;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Pipeline;

/// <summary>
/// The mapping every verb records fits through: a fit stored in a real ledger file and read back is the same fit,
/// bit for bit (what `verify` will rely on), including NaN and open interval sides.
/// </summary>
public sealed class FitRecordsTests
{
    private static readonly FitOptions Options = new() { BootstrapResamples = 200, PredictAt = 1e5 };

    [Fact]
    public void A_fit_stored_in_a_ledger_and_read_back_is_the_same_fit_bit_for_bit()
    {
        var fit = CurveFitter.Fit("grpo", Data(points: 12), Options);
        Assert.Equal(FitStatus.Ok, fit.Status);
        using var folder = new TempFolder();
        using var store = LiteDbLedgerStore.Open(folder.File("ledger.db"));
        var snapshot = store.Append(Storage.SampleRuns.Draft(), [Storage.SampleRuns.Run()]).Snapshot;

        store.RecordFits(snapshot.Id, [FitRecords.ToStored(fit, Options, ["run-1"])]);
        var stored = Assert.Single(store.GetFits(snapshot.Id));
        var back = FitRecords.ToCurveFit(stored);

        Assert.Equal(FitPayload.Write(fit, Options, ["run-1"]), FitPayload.Write(back, Options, ["run-1"]));
        Assert.Equal(Options, FitRecords.Contents(stored).Options);
        Assert.Equal(["run-1"], FitRecords.Contents(stored).RunDigests);
        AssertSameBits(fit, back);
        Assert.Equal("ok", stored.Status);
        Assert.Equal("sigmoid4", stored.Model);
        Assert.Equal(fit.Parameter("A")!.Value, stored.Parameters.Single(p => p.Name == "A").Value);
        Assert.True(FitRecords.Matches(stored, fit.InputDigest, Options));
        Assert.False(FitRecords.Matches(stored, fit.InputDigest, Options with { BootstrapResamples = 201 }));
    }

    [Fact]
    public void A_fit_of_three_seeds_with_a_crashed_evaluation_round_trips_its_seed_spread_outlier_and_exact_bootstrap()
    {
        var runs = new Support.RecipeSimulation(seed: 11).Runs("grpo", 0.7, seeds: 3, points: 30).ToList();
        var crashed = runs[1].Points.ToList();
        crashed[^1] = crashed[^1] with { Reward = 0 };
        runs[1] = runs[1] with { Points = crashed };
        var fit = CurveFitter.Fit("grpo", FitData.FromRuns(runs), Options);
        Assert.NotNull(fit.Seeds);
        Assert.Single(fit.SetAside);
        Assert.True(fit.Bootstrap!.Exhaustive);
        Assert.Equal("reward", fit.Metric);

        var back = FitPayload.Read(FitPayload.Write(fit, Options, ["a", "b", "c"])).Fit;

        AssertSameBits(fit, back);
        Assert.Equal(fit.Seeds, back.Seeds);
        Assert.Equal(fit.SetAside, back.SetAside);
        Assert.Equal(fit.Alternative, back.Alternative);
        Assert.Equal(fit.Metric, back.Metric);
        Assert.Equal(BitConverter.DoubleToInt64Bits(fit.AutocorrelationInflation), BitConverter.DoubleToInt64Bits(back.AutocorrelationInflation));
    }

    [Fact]
    public void A_payload_that_ledger_fit_1_stored_still_reads_with_what_it_lacks_left_empty()
    {
        var contents = FitPayload.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pipeline", "Fixtures", "fit-payload-1.json")));

        Assert.Equal("ledger-fit/1", contents.Fit.FitterVersion);
        Assert.Equal(FitStatus.Ok, contents.Fit.Status);
        Assert.Equal(0.778039046390509, contents.Fit.IdentifiedAsymptote!.Value);
        Assert.Null(contents.Fit.Seeds);
        Assert.Null(contents.Fit.Alternative);
        Assert.Empty(contents.Fit.SetAside);
        Assert.Equal(1.0, contents.Fit.AutocorrelationInflation);
        // The options digest such a fit was stored under is that of the first canonical text, which the new options
        // (the tolerance among them) must leave unchanged at their defaults.
        Assert.Equal("sigmoid4;-;-;-;1000;0.95;0.4;-;-;0.95", contents.Options.Canonical());
        Assert.Equal(3, contents.RunDigests.Count);
    }

    [Fact]
    public void Non_finite_values_and_missing_parts_round_trip()
    {
        var fit = CurveFitter.Fit("early", Data(points: 3), new FitOptions { BootstrapResamples = 0 }) with
        {
            ProfileInterval = new Interval(0.5, double.PositiveInfinity),
            BootstrapInterval = Interval.None,
            Rmse = double.NaN,
        };

        var back = FitPayload.Read(FitPayload.Write(fit, new FitOptions { BootstrapResamples = 0 }, [])).Fit;

        AssertSameBits(fit, back);
        Assert.Equal(double.PositiveInfinity, back.ProfileInterval.Upper);
        Assert.True(double.IsNaN(back.BootstrapInterval.Lower));
        Assert.Null(back.Bootstrap);
        Assert.Null(back.Prediction);
    }

    [Fact]
    public void A_payload_that_disagrees_with_its_record_is_refused()
    {
        var fit = CurveFitter.Fit("grpo", Data(points: 12), Options);
        var stored = FitRecords.ToStored(fit, Options, []) with { Recipe = "other" };

        Assert.Throws<FormatException>(() => FitRecords.ToCurveFit(stored));
        Assert.Throws<FormatException>(() => FitPayload.Read("{\"format\":\"something-else\"}"));
        Assert.Throws<FormatException>(() => FitPayload.Read("not json"));
    }

    [Fact]
    public void Every_property_of_a_fit_is_in_the_payload()
    {
        // A property added to CurveFit must be added to FitPayload (and to AssertSameBits), or stored fits would lose it.
        string[] covered =
        [
            "Recipe", "Model", "Status", "Reason", "Parameters", "AsymptoteName", "ProfileInterval", "BootstrapInterval",
            "BootstrapStandardError", "Bootstrap", "RSquared", "Rmse", "Sse", "PointCount", "RunCount", "Iterations",
            "ConfidenceLevel", "Correlations", "Prediction", "Planning", "FitterVersion", "InputDigest", "Seeds",
            "AutocorrelationInflation", "Alternative", "SetAside", "Metric",
        ];
        var settable = typeof(CurveFit).GetProperties().Where(p => p.SetMethod is not null).Select(p => p.Name);

        Assert.Equal(covered.Order(), settable.Order());
    }

    [Fact]
    public void The_options_of_a_fit_travel_in_its_payload_so_it_can_be_refitted()
    {
        var options = new FitOptions
        {
            Model = CurveModelKind.Sigmoid, FixedR0 = 0.05, RewardMax = 1, RewardMin = 0, BootstrapResamples = 7, ConfidenceLevel = 0.9,
            MaxIntervalWidthFraction = 0.3, MaxIntervalWidth = 0.1 + 0.2, PredictAt = 1e5, PlanningFraction = 0.9, Tolerance = 0.05,
            Window = new ComputeWindow(400, 1e6 / 3),
        };
        var fit = CurveFitter.Fit("grpo", Data(points: 12), options);

        var contents = FitPayload.Read(FitPayload.Write(fit, options, ["b", "a"]));

        Assert.Equal(options, contents.Options);
        Assert.Equal(options.Canonical(), contents.Options.Canonical());
        Assert.Equal(["b", "a"], contents.RunDigests);
        Assert.Equal(new FitOptions(), FitPayload.Read(FitPayload.Write(fit, new FitOptions(), [])).Options);
        // A property added to FitOptions must be added to the payload (and set above), or a refit would not be the same fit.
        Assert.All(typeof(FitOptions).GetProperties(), p => Assert.NotEqual(p.GetValue(new FitOptions()), p.GetValue(options)));
    }

    private static FitData Data(int points)
    {
        var random = new Random(3);
        var compute = Enumerable.Range(0, points).Select(i => 300 * Math.Pow(1.5, i)).ToArray();
        var reward = compute.Select(c => 0.05 + 0.75 / (1 + Math.Pow(5000 / c, 1.5)) + 0.004 * (random.NextDouble() - 0.5)).ToArray();
        return FitData.FromPoints(compute, reward);
    }

    private static void AssertSameBits(CurveFit expected, CurveFit actual)
    {
        static long[] Bits(CurveFit f) =>
        [
            .. f.Parameters.SelectMany(p => new[] { p.Value, p.StandardError, p.Interval.Lower, p.Interval.Upper }).Select(BitConverter.DoubleToInt64Bits),
            .. new[] { f.ProfileInterval.Lower, f.ProfileInterval.Upper, f.BootstrapInterval.Lower, f.BootstrapInterval.Upper,
                       f.BootstrapStandardError, f.RSquared, f.Rmse, f.Sse, f.ConfidenceLevel }.Select(BitConverter.DoubleToInt64Bits),
            .. f.Correlations.Select(c => BitConverter.DoubleToInt64Bits(c.Correlation)),
            .. (f.Prediction is { } p ? new[] { p.Compute, p.Value, p.Delta.Lower, p.Delta.Upper, p.Bootstrap.Lower, p.Bootstrap.Upper } : []).Select(BitConverter.DoubleToInt64Bits),
            .. (f.Planning is { } q ? new[] { q.Fraction, q.Compute, q.Delta.Lower, q.Delta.Upper, q.Bootstrap.Lower, q.Bootstrap.Upper } : []).Select(BitConverter.DoubleToInt64Bits),
        ];
        Assert.Equal(Bits(expected), Bits(actual));
        Assert.Equal(
            (expected.Recipe, expected.Model, expected.Status, expected.Reason, expected.AsymptoteName, expected.Bootstrap, expected.PointCount,
             expected.RunCount, expected.Iterations, expected.FitterVersion, expected.InputDigest),
            (actual.Recipe, actual.Model, actual.Status, actual.Reason, actual.AsymptoteName, actual.Bootstrap, actual.PointCount,
             actual.RunCount, actual.Iterations, actual.FitterVersion, actual.InputDigest));
        Assert.Equal(expected.Parameters.Select(p => p.Name), actual.Parameters.Select(p => p.Name));
        Assert.Equal(expected.Correlations.Select(c => (c.First, c.Second)), actual.Correlations.Select(c => (c.First, c.Second)));
    }
}
