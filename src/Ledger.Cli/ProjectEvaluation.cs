using System.Runtime.CompilerServices;
using Ledger.Core.Diagnostics;
using Ledger.Core.Project;
using Microsoft.Build.Locator;

namespace Ledger.Cli;

/// <summary>
/// `--project`: evaluates a consumer project with the .NET SDK's MSBuild (found by Microsoft.Build.Locator from the
/// project's folder, so its global.json counts) and reads its LedgerRunLog items and Ledger properties into the same
/// <see cref="ProjectConfiguration"/> the MSBuild tasks use: the CLI and the build share one configuration.
/// </summary>
internal static class ProjectEvaluation
{
    /// <exception cref="LedgerInputException">LEDGER101 no such project; LEDGER127 no SDK, or a project MSBuild cannot evaluate.</exception>
    public static ProjectConfiguration Load(string projectPath)
    {
        if (ManagedHandOff.Needed)
            ManagedHandOff.Run(projectPath);
        var project = Path.GetFullPath(projectPath);
        if (!File.Exists(project))
            throw new LedgerInputException(ErrorCodes.FileNotFound, SourceLocation.WholeFile(projectPath), "no such project file", "the path of an MSBuild project (.csproj, .fsproj, .proj)");
        RegisterMsBuild(Path.GetDirectoryName(project)!);
        return Evaluate(project);
    }

    private static void RegisterMsBuild(string projectDirectory)
    {
        if (MSBuildLocator.IsRegistered)
            return;
        var sdk = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
            {
                DiscoveryTypes = DiscoveryType.DotNetSdk,
                WorkingDirectory = projectDirectory,
            })
            .FirstOrDefault()
            ?? throw new LedgerInputException(ErrorCodes.InvalidProject, SourceLocation.WholeFile(projectDirectory),
                "no .NET SDK that can evaluate the project", "a .NET SDK installed where `dotnet --list-sdks` finds it (and matching the project's global.json)");
        MSBuildLocator.RegisterInstance(sdk);
    }

    /// <summary>
    /// Every Microsoft.Build type stays in this method, which is never inlined: the runtime must not load MSBuild's
    /// assemblies before the Locator has registered the SDK they come from.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ProjectConfiguration Evaluate(string projectFile)
    {
        using var collection = new Microsoft.Build.Evaluation.ProjectCollection();
        try
        {
            var project = collection.LoadProject(projectFile);
            var items = project.GetItems(LedgerProperties.RunLogItemType)
                .Select(item => new RunLogItem(
                    item.GetMetadataValue("FullPath"),
                    item.Metadata.ToDictionary(m => m.Name, m => m.EvaluatedValue, StringComparer.OrdinalIgnoreCase)))
                .ToList();
            return ProjectConfiguration.Read(projectFile, items, name => project.GetPropertyValue(name), Environment.GetEnvironmentVariable);
        }
        catch (Microsoft.Build.Exceptions.InvalidProjectFileException e)
        {
            throw new LedgerInputException(ErrorCodes.InvalidProject, new SourceLocation(e.ProjectFile ?? projectFile, e.LineNumber, e.ColumnNumber),
                $"a project MSBuild cannot evaluate ({e.BaseMessage})", "a project that `dotnet build` accepts");
        }
    }
}
