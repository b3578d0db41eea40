using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;

namespace Ledger.Cli.Tests;

/// <summary>
/// What `dotnet tool install Ledger.Cli` gives: on linux-x64 the platform package, a native executable compiled ahead
/// of time (no runtime to start, no JIT) with the framework-dependent copy it hands the project option to; elsewhere the
/// framework-dependent `any` package, which the pointer package names beside it.
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
    public void The_installed_tool_on_linux_x64_is_a_native_executable_with_a_framework_dependent_copy_beside_it()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
        {
            var installed = Directory.EnumerateFiles(Path.Combine(tool.ToolPath, ".store"), "Ledger.Core.dll", SearchOption.AllDirectories).ToList();
            Assert.EndsWith(Path.Combine("ledger.cli.any", LocalFeed.Version, "tools", "net10.0", "any"), Path.GetDirectoryName(Assert.Single(installed))!, StringComparison.OrdinalIgnoreCase);
            return;
        }
        var executable = File.ResolveLinkTarget(tool.Executable, returnFinalTarget: true)?.FullName ?? tool.Executable;
        var folder = Path.GetDirectoryName(executable)!;

        Assert.EndsWith(Path.Combine("ledger.cli.linux-x64", LocalFeed.Version, "tools", "any", "linux-x64"), folder, StringComparison.OrdinalIgnoreCase);
        var magic = new byte[4];
        using (var file = File.OpenRead(executable))
            file.ReadExactly(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
        Assert.False(File.Exists(Path.Combine(folder, "ledger.dll")), "the native package also holds a managed entry point");
        foreach (var name in OwnAssemblies)
        {
            using var file = File.OpenRead(Path.Combine(folder, "managed", name));
            Assert.False(ReadyToRunImage.Is(file), $"managed/{name} carries native code of one platform");
        }
        var version = tool.Run(tool.ToolPath, "--version").Require("ledger --version").Stdout;
        Assert.StartsWith(LocalFeed.Version, version, StringComparison.Ordinal);
        Assert.Equal(version, ChildProcess.Run("dotnet", [Path.Combine(folder, "managed", "ledger.dll"), "--version"], tool.ToolPath).Require("the managed copy's --version").Stdout);
    }

    [Fact]
    public void Without_its_managed_copy_the_native_tool_refuses_the_project_option_with_LEDGER127_and_runs_the_rest()
    {
        if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
            return;
        var installed = Path.GetDirectoryName(File.ResolveLinkTarget(tool.Executable, returnFinalTarget: true)!.FullName)!;
        var alone = Directory.CreateTempSubdirectory("ledger-native-alone-").FullName;
        try
        {
            File.Copy(Path.Combine(installed, "ledger"), Path.Combine(alone, "ledger"));

            var run = ChildProcess.Run(Path.Combine(alone, "ledger"), ["check", "--project", "consumer.csproj"], alone);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("error LEDGER127", run.Stderr, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(alone, "managed", "ledger.dll"), run.Stderr, StringComparison.Ordinal);
            Assert.StartsWith(LocalFeed.Version, ChildProcess.Run(Path.Combine(alone, "ledger"), ["--version"], alone).Require("--version alone").Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(alone, recursive: true);
        }
    }

    private static string FeedPackage(string id) => Path.Combine(LocalFeed.Folder, $"{id}.{LocalFeed.Version}.nupkg");
}
