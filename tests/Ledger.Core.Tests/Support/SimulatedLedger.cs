using Ledger.Core.Gating;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage;

namespace Ledger.Core.Tests.Support;

/// <summary>
/// A real ledger file filled build by build with simulated recipes of known truth: each build appends fresh seeds of every
/// recipe at that build's true A (<see cref="RecipeSimulation"/>) under commit <see cref="HistorySimulation.Commit"/>, and
/// is fitted, or gated, as CI leaves it (fits and verdicts recorded).
/// </summary>
public sealed class SimulatedLedger(ILedgerStore store, int seed)
{
    public static readonly DateOnly Today = new(2026, 12, 3);
    private readonly RecipeSimulation _simulation = new(seed);

    public ILedgerStore Store { get; } = store;

    /// <summary>Appends build <paramref name="position"/> on <paramref name="branch"/>: 3 seeds of each recipe at its true A there.</summary>
    public Snapshot Append(int position, IReadOnlyDictionary<string, double> truths, string branch = "main", int seeds = 3) =>
        Store.Append(new SnapshotDraft(HistorySimulation.Commit(position), branch, DateTimeOffset.UnixEpoch.AddHours(position)),
            truths.SelectMany(t => _simulation.Runs(t.Key, t.Value, seeds, points: HistorySimulation.Points)).ToList()).Snapshot;

    /// <summary>Appends the build and records its fits (`ledger append` then `ledger fit`).</summary>
    public Snapshot Fit(int position, IReadOnlyDictionary<string, double> truths, string branch = "main") =>
        FitUseCase.ForSnapshot(Store, Append(position, truths, branch), GateSimulation.Fit).Snapshot;

    /// <summary>Appends the build and gates it (`ledger check`), recording its fits and verdicts.</summary>
    public GateOutcome Check(int position, IReadOnlyDictionary<string, double> truths, string branch = "main", GateOptions? gate = null,
        AllowList? allowList = null, string? reference = null)
    {
        Append(position, truths, branch);
        return Gate(position, branch, gate, allowList, reference);
    }

    /// <summary>Gates build <paramref name="position"/> again (`ledger gate`).</summary>
    public GateOutcome Gate(int position, string branch = "main", GateOptions? gate = null, AllowList? allowList = null, string? reference = null) =>
        GateUseCase.Run(new GateRequest(HistorySimulation.Commit(position), branch, Path.GetTempPath(), _ => null, null, GateSimulation.Fit,
            gate ?? new GateOptions(), allowList ?? AllowList.Empty, Today, ReferenceOption: reference), Store);
}
