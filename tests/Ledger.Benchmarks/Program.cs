// `check-processes` is the process benchmark of a ledger file against a PostgreSQL ledger (ServerCheckBenchmark);
// `changes-stopwatch` times `ledger changes`' parts on a ledger file (ChangesStopwatch); `curve-processes` races the packed
// `ledger curve` against a scipy script (CurveProcessBenchmark); everything else is BenchmarkDotNet's.
return args switch
{
    ["check-processes", .. var rest] => Ledger.Benchmarks.ServerCheckBenchmark.Run(rest),
    ["changes-stopwatch", .. var rest] => Ledger.Benchmarks.ChangesStopwatch.Run(rest),
    ["curve-processes", .. var rest] => Ledger.Benchmarks.CurveProcessBenchmark.Run(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Ledger.Benchmarks.FitBenchmarks).Assembly).Run(args);
    return 0;
}
