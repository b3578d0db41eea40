namespace Ledger.Core.Ingest;

/// <summary>
/// One column of a W&amp;B chart export: <c>&lt;run&gt; - &lt;metric&gt;</c>, or its band <c>&lt;run&gt; - &lt;metric&gt;__MIN</c>
/// / <c>__MAX</c> (the min and max of the points W&amp;B merged into one, which a fit does not use).
/// </summary>
internal readonly record struct WandbChartColumn(string Run, string Metric, bool IsBand)
{
    public const string Separator = " - ";

    /// <summary>
    /// Splits at the last " - ": a run's display name is free text that may hold " - ", while a metric is a logged key,
    /// which in practice does not.
    /// </summary>
    public static WandbChartColumn Parse(string column)
    {
        var isBand = column.EndsWith("__MIN", StringComparison.Ordinal) || column.EndsWith("__MAX", StringComparison.Ordinal);
        var series = isBand ? column[..^"__MIN".Length] : column;
        var split = series.LastIndexOf(Separator, StringComparison.Ordinal);
        return split < 0
            ? new WandbChartColumn(series, "", isBand)
            : new WandbChartColumn(series[..split], series[(split + Separator.Length)..], isBand);
    }
}
