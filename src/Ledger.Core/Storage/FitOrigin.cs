namespace Ledger.Core.Storage;

/// <summary>
/// How a stored fit was made, whatever its inputs: the model, the digest of the fit options and the fitter version, as
/// its record holds them (<see cref="StoredFit"/>, <see cref="FitIdentity"/>). A verb that reads fits made with its
/// options asks the store for the payloads of fits of this origin only.
/// </summary>
public sealed record FitOrigin(string Model, string OptionsDigest, string FitterVersion)
{
    public bool Made(FitIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity.Model == Model && identity.OptionsDigest == OptionsDigest && identity.FitterVersion == FitterVersion;
    }
}
