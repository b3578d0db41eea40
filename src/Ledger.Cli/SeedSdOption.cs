using System.CommandLine;

namespace Ledger.Cli;

/// <summary>--seed-sd, shared by the gate's verbs and `ledger curve`.</summary>
internal static class SeedSdOption
{
    public static Option<double?> Create()
    {
        var option = new Option<double?>("--seed-sd")
        {
            Description = "The seed-to-seed standard deviation of A, when you know it (ScaleRL reports 0.01 to 0.02): used as the prior for every " +
                          "recipe's seed variance, instead of the one pooled from the ledger's recipes of the same metric. It gives one-seed recipes " +
                          "an honest uncertainty.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } sd && !(double.IsFinite(sd) && sd > 0))
                result.AddError("--seed-sd must be a positive number, such as 0.01");
        });
        return option;
    }
}
