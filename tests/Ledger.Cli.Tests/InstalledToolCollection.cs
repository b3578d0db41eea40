namespace Ledger.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class InstalledToolCollection : ICollectionFixture<InstalledTool>
{
    public const string Name = "installed ledger tool";
}
