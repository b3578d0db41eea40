// `check-processes` is the process benchmark of a ledger file against a PostgreSQL ledger (ServerCheckBenchmark);
// `changes-stopwatch` times `ledger changes`' parts on a ledger file (ChangesStopwatch); `check-growth` times `ledger check`
// processes from 10^2 to 10^4 recipes and points a run (GrowthBenchmark); `report-ledger FILE` writes ReportBenchmarks'
// ledger, to time `ledger report` as a process or with `report-stopwatch` (ReportStopwatch); `curve-processes` races the
// packed `ledger curve` against a scipy script (CurveProcessBenchmark); `csv-stopwatch` times the CSV readers and their
// parts in process (CsvReadStopwatch); everything else is BenchmarkDotNet's.
return args switch
{
    ["check-processes", .. var rest] => Ledger.Benchmarks.ServerCheckBenchmark.Run(rest),
    ["changes-stopwatch", .. var rest] => Ledger.Benchmarks.ChangesStopwatch.Run(rest),
    ["check-growth", .. var rest] => Ledger.Benchmarks.GrowthBenchmark.Run(rest),
    ["report-ledger", var ledger] => BuildReportLedger(ledger),
    ["report-stopwatch", .. var rest] => Ledger.Benchmarks.ReportStopwatch.Run(rest),
    ["curve-processes", .. var rest] => Ledger.Benchmarks.CurveProcessBenchmark.Run(rest),
    ["csv-stopwatch", .. var rest] => Ledger.Benchmarks.CsvReadStopwatch.Run(rest),
    _ => RunBenchmarks(args),
};

static int BuildReportLedger(string ledger)
{
    Ledger.Benchmarks.ReportBenchmarks.Build(ledger);
    return 0;
}

static int RunBenchmarks(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Ledger.Benchmarks.FitBenchmarks).Assembly).Run(args);
    return 0;
}
