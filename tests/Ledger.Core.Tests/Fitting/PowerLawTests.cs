using Ledger.Core.Fitting;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Ledger.Core.Tests.Fitting;

/// <summary>Loss across model sizes: L = E_inf + K X^-alpha, checked against the truth a simulation drew.</summary>
public class PowerLawTests
{
    private static readonly double[] Sizes = Enumerable.Range(0, 12).Select(i => 1e7 * Math.Pow(1000, i / 11.0)).ToArray();

    private static double Loss(double size) => 1.69 + 406.4 * Math.Pow(size, -0.34); // Chinchilla-like parameters

    [Fact]
    public void Noise_free_losses_give_back_E_inf_K_and_alpha()
    {
        var fit = CurveFitter.Fit("loss", FitData.FromPoints(Sizes, Sizes.Select(Loss).ToArray()),
            new FitOptions { Model = CurveModelKind.PowerOffset, BootstrapResamples = 0 });

        Assert.Equal(1.69, fit.Parameter("E_inf")!.Value, 6);
        Assert.Equal(406.4, fit.Parameter("K")!.Value, 2);
        Assert.Equal(0.34, fit.Parameter("alpha")!.Value, 6);
        Assert.Equal("E_inf", fit.AsymptoteName);
        Assert.Null(fit.Planning);
    }

    [Fact]
    public void With_noise_the_profile_interval_on_E_inf_covers_the_truth_nearly_always()
    {
        var covered = 0;
        const int draws = 60;
        for (var seed = 1; seed <= draws; seed++)
        {
            var normal = new Normal(0, 0.005, new Xoshiro256StarStar(seed, threadSafe: false));
            var loss = Sizes.Select(s => Loss(s) + normal.Sample()).ToArray();
            var fit = CurveFitter.Fit("loss", FitData.FromPoints(Sizes, loss), new FitOptions { Model = CurveModelKind.PowerOffset, BootstrapResamples = 0 });
            covered += fit.ProfileInterval.Contains(1.69) ? 1 : 0;
        }
        Assert.InRange(covered, (int)(0.88 * draws), draws);
    }

    [Fact]
    public void A_pure_power_law_has_no_asymptote_to_report()
    {
        var fit = CurveFitter.Fit("loss", FitData.FromPoints(Sizes, Sizes.Select(s => 406.4 * Math.Pow(s, -0.34)).ToArray()),
            new FitOptions { Model = CurveModelKind.Power });

        Assert.Equal(0.34, fit.Parameter("E")!.Value, 8);
        Assert.Null(fit.AsymptoteName);
        Assert.Null(fit.IdentifiedAsymptote);
        Assert.Equal(FitStatus.Ok, fit.Status);
    }
}
