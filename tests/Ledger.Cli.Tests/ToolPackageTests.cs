using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Ledger.Cli.Tests;

/// <summary>
/// What `dotnet tool install Ledger.Cli` gives: on linux-x64 the platform package, whose assemblies carry ReadyToRun
/// code so a short call starts without the JIT; elsewhere the framework-dependent `any` package, which the pointer
/// package names beside it.
/// </summary>
[Collection(InstalledToolCollection.Name)]
public sealed class ToolPackageTests(InstalledTool tool)
{
    private static readonly string[] OwnAssemblies = ["ledger.dll", "Ledger.Core.dll"];

    [Fact]
    public void The_pointer_package_names_a_linux_x64_package_and_an_any_package_for_every_other_platform()
    {
        using var pointer = ZipFile.OpenRead(FeedPackage("Ledger.Cli"));
        var settings = XDocument.Load(pointer.GetEntry("tools/any/any/DotnetToolSettings.xml")!.Open());

        var packages = settings.Descendants("RuntimeIdentifierPackage").ToDictionary(p => (string)p.Attribute("RuntimeIdentifier")!, p => (string)p.Attribute("Id")!);

        Assert.Equal(new Dictionary<string, string> { ["linux-x64"] = "Ledger.Cli.linux-x64", ["any"] = "Ledger.Cli.any" }, packages);
        Assert.DoesNotContain(pointer.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
    }

    [Fact]
    public void The_any_package_holds_plain_IL_assemblies_that_run_on_any_platform()
    {
        using var any = ZipFile.OpenRead(FeedPackage("Ledger.Cli.any"));

        foreach (var name in OwnAssemblies)
        {
            var entry = any.GetEntry($"tools/net10.0/any/{name}");
            Assert.True(entry is not null, $"{name} is missing from Ledger.Cli.any");
            using var copy = new MemoryStream();
            entry.Open().CopyTo(copy);
            copy.Position = 0;
            Assert.False(ReadyToRunImage.Is(copy), $"{name} of Ledger.Cli.any carries native code of one platform");
        }
    }

    [Fact]
    public void The_installed_tool_on_linux_x64_runs_ReadyToRun_assemblies_of_the_platform_package()
    {
        var platform = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? "linux-x64" : "any";
        var installed = Directory.EnumerateFiles(Path.Combine(tool.ToolPath, ".store"), "Ledger.Core.dll", SearchOption.AllDirectories).ToList();

        var folder = Path.GetDirectoryName(Assert.Single(installed))!;
        Assert.EndsWith(Path.Combine($"ledger.cli.{platform}", LocalFeed.Version, "tools", "net10.0", platform), folder, StringComparison.OrdinalIgnoreCase);
        foreach (var name in OwnAssemblies)
        {
            using var file = File.OpenRead(Path.Combine(folder, name));
            Assert.True(ReadyToRunImage.Is(file) == (platform == "linux-x64"), $"{name} in {folder}: ReadyToRun {!(platform == "linux-x64")}");
        }
        Assert.StartsWith(LocalFeed.Version, tool.Run(tool.ToolPath, "--version").Require("ledger --version").Stdout, StringComparison.Ordinal);
    }

    private static string FeedPackage(string id) => Path.Combine(LocalFeed.Folder, $"{id}.{LocalFeed.Version}.nupkg");
}
