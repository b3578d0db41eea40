using System.IO.Compression;
using System.Runtime.InteropServices;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.MSBuild.Tests;

/// <summary>
/// The task package carries the tasks twice: plain IL under tasks/net10.0/ for every platform, and a ReadyToRun copy
/// under tasks/net10.0/linux-x64/ that a build on Linux x64 loads, so it does not wait for the JIT.
/// </summary>
public sealed class TaskPackageTests
{
    private const string PlainFolder = "tasks/net10.0/";
    private const string LinuxFolder = "tasks/net10.0/linux-x64/";

    [Fact]
    public void The_linux_x64_folder_holds_ReadyToRun_copies_of_every_plain_task_assembly()
    {
        using var package = ZipFile.OpenRead(Path.Combine(LocalFeed.Folder, $"Ledger.MSBuild.{LocalFeed.Version}.nupkg"));
        var plain = AssembliesIn(package, PlainFolder);
        var linux = AssembliesIn(package, LinuxFolder);

        Assert.Contains("Ledger.MSBuild.dll", plain.Keys);
        Assert.Contains("Ledger.Core.dll", plain.Keys);
        Assert.Equal(plain.Keys.Order(), linux.Keys.Order());
        Assert.NotNull(package.GetEntry(PlainFolder + "Ledger.MSBuild.deps.json"));
        Assert.NotNull(package.GetEntry(LinuxFolder + "Ledger.MSBuild.deps.json"));
        foreach (var (name, entry) in plain)
            Assert.False(IsReadyToRun(entry), $"{PlainFolder}{name} carries native code of one platform");
        foreach (var name in new[] { "Ledger.MSBuild.dll", "Ledger.Core.dll", "LiteDB.dll", "MathNet.Numerics.dll" })
            Assert.True(IsReadyToRun(linux[name]), $"{LinuxFolder}{name} is not ReadyToRun");
    }

    [Fact]
    public void A_build_loads_the_tasks_of_its_platform_and_the_plain_copy_reaches_the_same_ledger()
    {
        var expected = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? LinuxFolder : PlainFolder;
        using var platform = Consumer.Create().WithExampleRuns().With("LedgerCommit", "c1").With("LedgerBranch", "main").RunLogs("runs/**/*.csv").Save();
        using var plain = Consumer.Create().WithExampleRuns().With("LedgerCommit", "c1").With("LedgerBranch", "main").RunLogs("runs/**/*.csv").Save();

        var platformBuild = platform.Build("-v:d");
        // The plain IL copy, as every platform but Linux x64 loads it.
        var plainBuild = plain.Build("-v:d", "-p:_LedgerTasksPlatform=");

        Assert.True(platformBuild.ExitCode == 0, platformBuild.Output);
        Assert.True(plainBuild.ExitCode == 0, plainBuild.Output);
        Assert.Contains($"{expected}Ledger.MSBuild.dll\"", TaskAssemblyLine(platformBuild.Stdout));
        Assert.Contains($"{PlainFolder}Ledger.MSBuild.dll\"", TaskAssemblyLine(plainBuild.Stdout));
        Assert.Equal(Fits(platform.Database), Fits(plain.Database));
        Assert.Contains("warning LEDGER301: recipe 'cispo-early' is unidentified", plainBuild.Stdout);
    }

    /// <summary>Every recipe's stored fit, payload and all: the same runs fitted by either copy of the tasks give the same bits.</summary>
    private static List<string> Fits(string database)
    {
        using var store = LiteDbLedgerStore.OpenReadOnly(database);
        var snapshot = Assert.Single(store.GetSnapshots());
        return store.GetFits(snapshot.Id).Select(f => $"{f.Recipe} {f.InputDigest} {f.PayloadJson}").Order(StringComparer.Ordinal).ToList();
    }

    private static string TaskAssemblyLine(string buildLog) =>
        buildLog.Split('\n').First(line => line.Contains("Using \"LedgerAppend\" task from assembly", StringComparison.Ordinal));

    private static Dictionary<string, ZipArchiveEntry> AssembliesIn(ZipArchive package, string folder) =>
        package.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)
                                   && !e.FullName[folder.Length..].Contains('/'))
            .ToDictionary(e => e.Name);

    private static bool IsReadyToRun(ZipArchiveEntry entry)
    {
        using var copy = new MemoryStream();
        entry.Open().CopyTo(copy);
        copy.Position = 0;
        return ReadyToRunImage.Is(copy);
    }
}
