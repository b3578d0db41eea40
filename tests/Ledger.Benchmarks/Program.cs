BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Ledger.Benchmarks.FitBenchmarks).Assembly).Run(args);
