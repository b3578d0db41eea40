using System.Globalization;
using System.Security;

namespace Ledger.Tests.Infrastructure;

/// <summary>
/// A consumer project in a temporary folder: an SDK-style class library that references Ledger.MSBuild from the local
/// feed (its nuget.config knows no other source) and lists run logs as LedgerRunLog items, as a user's project would.
/// </summary>
public sealed class Consumer : IDisposable
{
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);
    private readonly List<string> _items = [];
    private bool _referencesLedger = true;
    private string _targetFrameworkProperty = "TargetFramework";

    private Consumer(string folder, string name)
    {
        Folder = folder;
        Name = name;
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Library.cs"), "namespace Consumer;\n\npublic static class Library;\n");
    }

    public string Folder { get; }

    public string Name { get; }

    public string ProjectFile => Path.Combine(Folder, Name + ".csproj");

    public string Database => Path.Combine(Folder, "ledger.db");

    /// <summary>A consumer alone in its own temporary folder, with a nuget.config that points at the local feed.</summary>
    public static Consumer Create(string name = "consumer")
    {
        var root = Directory.CreateTempSubdirectory("ledger-consumer-").FullName;
        WriteNuGetConfig(root);
        return new Consumer(Path.Combine(root, name), name);
    }

    /// <summary>A consumer beside others under <paramref name="root"/> (which holds the nuget.config), as in a solution.</summary>
    public static Consumer CreateIn(string root, string name) => new(Path.Combine(root, name), name);

    public static void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="ledger-local" value="{SecurityElement.Escape(LocalFeed.Folder)}" />
          </packageSources>
        </configuration>
        """);

    public Consumer With(string property, string value)
    {
        _properties[property] = value;
        return this;
    }

    /// <summary>Adds a LedgerRunLog item; metadata as attributes, e.g. ("Tolerance", "0.2").</summary>
    public Consumer RunLogs(string include, params (string Name, string Value)[] metadata)
    {
        var attributes = string.Concat(metadata.Select(m => $" {m.Name}=\"{SecurityElement.Escape(m.Value)}\""));
        _items.Add($"    <LedgerRunLog Include=\"{SecurityElement.Escape(include)}\"{attributes} />");
        return this;
    }

    /// <summary>The same project without the Ledger.MSBuild reference: the baseline of the build-overhead benchmark.</summary>
    public Consumer WithoutLedger()
    {
        _referencesLedger = false;
        return this;
    }

    /// <summary>
    /// Lists net10.0 as TargetFrameworks: the project then builds in an outer build that dispatches inner ones, as every
    /// multi-targeting project does, with no other target framework to restore.
    /// </summary>
    public Consumer MultiTargeting()
    {
        _targetFrameworkProperty = "TargetFrameworks";
        return this;
    }

    public Consumer ClearRunLogs()
    {
        _items.Clear();
        return this;
    }

    /// <summary>Copies the example recipes (tests/examples/runs) into the consumer's runs/ folder.</summary>
    public Consumer WithExampleRuns()
    {
        var source = Path.Combine(LocalFeed.RepositoryRoot, "tests", "examples", "runs");
        foreach (var file in Directory.EnumerateFiles(source, "*.csv", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Folder, "runs", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        return this;
    }

    /// <summary>Adds <paramref name="delta"/> to every reward of a recipe's logs: a new commit whose runs did better or worse.</summary>
    public void ShiftRewards(string recipe, double delta)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Folder, "runs", recipe), "*.csv"))
        {
            var lines = File.ReadAllLines(file);
            var shifted = lines.Skip(1).Select(line =>
            {
                var cells = line.Split(',');
                cells[1] = (double.Parse(cells[1], CultureInfo.InvariantCulture) + delta).ToString("R", CultureInfo.InvariantCulture);
                return string.Join(',', cells);
            });
            File.WriteAllLines(file, [lines[0], .. shifted]);
        }
    }

    public void WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Writes the project file; call after changing properties or items.</summary>
    public Consumer Save()
    {
        var properties = string.Join("\n", _properties.Select(p => $"    <{p.Key}>{SecurityElement.Escape(p.Value)}</{p.Key}>"));
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <{_targetFrameworkProperty}>net10.0</{_targetFrameworkProperty}>
            {properties}
              </PropertyGroup>
              <ItemGroup>
            {(_referencesLedger ? $"    <PackageReference Include=\"Ledger.MSBuild\" Version=\"{LocalFeed.Version}\" />" : "")}
            {string.Join("\n", _items)}
              </ItemGroup>
            </Project>
            """);
        return this;
    }

    public ToolRun Build(params string[] arguments) => DotnetSdk.Build(Folder, arguments);

    public void Dispose()
    {
        var root = Path.GetDirectoryName(Folder)!;
        if (Path.GetFileName(root).StartsWith("ledger-consumer-", StringComparison.Ordinal))
            Directory.Delete(root, recursive: true);
    }
}
