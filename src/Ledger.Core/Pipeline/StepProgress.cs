namespace Ledger.Core.Pipeline;

/// <summary>
/// How a verb of several long steps shows them: asked once per step with what the step does and counts ("read",
/// "logs"), it gives the step's progress sink, or null to show nothing. The shells decide where progress goes (a
/// terminal's stderr, the build log); the use cases only count.
/// </summary>
public delegate IProgress<(int Done, int Total)>? StepProgress(string verb, string noun);
