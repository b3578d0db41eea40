namespace Ledger.Core.Fitting;

/// <summary>
/// The compute range a fit uses, both ends included; a null end is open. ScaleRL fits only points past about 1.5k
/// GPU-hours: the early, noisy start of a run distorts the sigmoid. Points outside stay in the ledger and the plots.
/// </summary>
public sealed record ComputeWindow(double? Min, double? Max)
{
    public bool Contains(double compute) => (Min is not { } min || compute >= min) && (Max is not { } max || compute <= max);

    /// <summary>In words: "compute 1500 to 2e+04 GPU-hours", "compute from 1500 GPU-hours", "compute up to 2e+04 GPU-hours".</summary>
    public string Describe()
    {
        static string N(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return (Min, Max) switch
        {
            ({ } min, { } max) => $"compute {N(min)} to {N(max)} GPU-hours",
            ({ } min, null) => $"compute from {N(min)} GPU-hours",
            (null, { } max) => $"compute up to {N(max)} GPU-hours",
            _ => "every compute",
        };
    }
}
