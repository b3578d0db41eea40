// `check-processes` is the process benchmark of a ledger file against a PostgreSQL ledger (ServerCheckBenchmark);
// everything else is BenchmarkDotNet's.
return args is ["check-processes", .. var rest]
    ? Ledger.Benchmarks.ServerCheckBenchmark.Run(rest)
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Ledger.Benchmarks.FitBenchmarks).Assembly).Run(args);
    return 0;
}
