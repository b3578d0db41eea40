namespace Ledger.Core.Ingest;

/// <summary>
/// Spots a W&amp;B export that holds a sample of a run rather than all of it. W&amp;B's sampled history (the API's
/// run.history() and the exports built on it) returns 500 rows by default, so a W&amp;B history or chart export of
/// exactly 500 data rows is very likely a sample. That is the one rule: it is a warning, not an error, because a fit
/// of a sample is still a fit, only a noisier one.
/// </summary>
internal static class DownSampling
{
    public const int WandbSampleRows = 500;

    public static IReadOnlyList<string> Check(int dataRows, string export) =>
        dataRows == WandbSampleRows
            ? [$"{export} with exactly {WandbSampleRows} data rows looks down-sampled (W&B samples history to {WandbSampleRows} rows); "
                + "export the full history (run.scan_history()) for an exact fit"]
            : [];
}
