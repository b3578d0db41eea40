namespace Ledger.Core.Provenance;

/// <summary>Where a build's commit came from.</summary>
public enum ProvenanceSource
{
    /// <summary>The <c>--commit</c> option (or the MSBuild property).</summary>
    Options,
    GitHubActions,
    GitLabCi,
    AzurePipelines,
    Jenkins,
    /// <summary><c>git rev-parse</c> in the working directory.</summary>
    Git,
    /// <summary>Nothing knew: commit and branch are <see cref="BuildProvenance.Local"/>.</summary>
    Local,
}
