namespace Ledger.Core.Storage;

/// <summary>
/// What identifies a stored fit, without its payload or parameters: which recipe and model, fitted from which inputs
/// with which options by which fitter, and which record it is (<paramref name="Sequence"/>, the store's number for it,
/// which increases with every record: <see cref="ILedgerStore.GetFitPayloads"/> reads its payload by it).
/// </summary>
public sealed record FitIdentity(long Sequence, string Recipe, string Model, string OptionsDigest, string FitterVersion, string InputDigest);
