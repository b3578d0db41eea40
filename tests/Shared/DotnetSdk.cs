namespace Ledger.Tests.Infrastructure;

/// <summary>The real `dotnet` CLI, run as a child process the way a user's shell or CI would run it.</summary>
public static class DotnetSdk
{
    /// <summary>
    /// No node reuse and no MSBuild server, so every build loads the task assembly afresh and leaves no process behind;
    /// and none of the MSBuild paths `dotnet test` sets for its own children, which would point the consumer's build at
    /// the test host's SDK resolution.
    /// </summary>
    private static readonly Dictionary<string, string?> Environment = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
    };

    public static ToolRun Build(string workingDirectory, params string[] arguments) =>
        ChildProcess.Run("dotnet", ["build", "-nologo", "-consoleLoggerParameters:NoSummary", .. arguments], workingDirectory, Environment);

    public static ToolRun Run(string workingDirectory, params string[] arguments) =>
        ChildProcess.Run("dotnet", arguments, workingDirectory, Environment);
}
