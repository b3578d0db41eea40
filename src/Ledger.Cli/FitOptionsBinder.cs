using System.CommandLine;
using Ledger.Core.Fitting;

namespace Ledger.Cli;

/// <summary>The options that decide a fit, shared by every verb that fits.</summary>
internal sealed class FitOptionsBinder
{
    private readonly Option<string> _model = new("--model")
    {
        Description = "Curve family: sigmoid (R0 fixed, 0 by default), sigmoid4 (R0 fitted), power (K X^-E), power-offset (E_inf + K X^-alpha).",
        DefaultValueFactory = _ => "sigmoid4",
    };
    private readonly Option<double?> _r0 = new("--r0") { Description = "Fix R0 (the metric before training) instead of fitting it." };
    private readonly Option<double?> _rewardMax = new("--reward-max") { Description = "A bound the metric cannot pass (1 for a pass rate): an interval on A that reaches it is unidentified." };
    private readonly Option<double?> _rewardMin = new("--reward-min") { Description = "A bound the metric cannot fall below (0 for a loss)." };
    private readonly Option<int> _bootstrap = new("--bootstrap") { Description = "Bootstrap resamples (0 turns the bootstrap off).", DefaultValueFactory = _ => 1000 };
    private readonly Option<double> _confidence = new("--confidence") { Description = "Confidence level of every interval.", DefaultValueFactory = _ => 0.95 };
    private readonly Option<double> _maxWidthFraction = new("--max-a-width-fraction")
    {
        Description = "A profile interval on A wider than this fraction of the metric's rise (between its 5th and 95th percentiles) is too wide to gate on: unidentified. 4 tolerances is the other limit; the smaller wins.",
        DefaultValueFactory = _ => 0.4,
    };
    private readonly Option<double?> _maxWidth = new("--max-a-width") { Description = "An absolute cap on the width of the interval on A, in metric units." };
    private readonly Option<double?> _predict = new("--predict") { Description = "Predict the metric at this compute, with intervals." };
    private readonly Option<double> _fraction = new("--fraction") { Description = "Planning: report the compute at which the curve has gone this fraction of the way to A.", DefaultValueFactory = _ => 0.95 };
    private readonly Option<double?> _minCompute = new(FitOptionsValidator.MinComputeOption)
    {
        Description = "Fit only points at this compute (GPU-hours) or more: ScaleRL fits past about 1.5k GPU-hours, where the noisy start no longer distorts the sigmoid.",
    };
    private readonly Option<double?> _maxCompute = new(FitOptionsValidator.MaxComputeOption) { Description = "Fit only points at this compute (GPU-hours) or less." };
    private readonly Option<double> _tolerance = new("--tolerance")
    {
        Description = "The change in A that matters (absolute, default 0.02). The gate's margin: a recipe regresses only when the data show A fell " +
                      "by more than this. Fits use it too: an interval on A wider than 4 tolerances cannot be gated (unidentified), and a " +
                      "Richards curve whose A differs from the sigmoid's by more than this makes a fit model-dependent.",
        DefaultValueFactory = _ => FitOptions.DefaultTolerance,
    };

    public FitOptionsBinder() => _model.AcceptOnlyFromAmong([.. CurveModelNames.All]);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _r0, _rewardMax, _rewardMin, _bootstrap, _confidence, _maxWidthFraction, _maxWidth, _predict, _fraction, _tolerance, _minCompute, _maxCompute })
        {
            command.Options.Add(option);
        }
    }

    public FitOptions Bind(ParseResult parsed)
    {
        CurveModelNames.TryParse(parsed.GetValue(_model)!, out var model);
        return FitOptionsValidator.Validate(new FitOptions
        {
            Model = model,
            FixedR0 = parsed.GetValue(_r0),
            RewardMax = parsed.GetValue(_rewardMax),
            RewardMin = parsed.GetValue(_rewardMin),
            BootstrapResamples = parsed.GetValue(_bootstrap),
            ConfidenceLevel = parsed.GetValue(_confidence),
            MaxIntervalWidthFraction = parsed.GetValue(_maxWidthFraction),
            MaxIntervalWidth = parsed.GetValue(_maxWidth),
            PredictAt = parsed.GetValue(_predict),
            PlanningFraction = parsed.GetValue(_fraction),
            Tolerance = parsed.GetValue(_tolerance),
            Window = (parsed.GetValue(_minCompute), parsed.GetValue(_maxCompute)) is (null, null) ? null
                : new ComputeWindow(parsed.GetValue(_minCompute), parsed.GetValue(_maxCompute)),
        });
    }
}
