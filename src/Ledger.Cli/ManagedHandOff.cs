using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Ledger.Core.Diagnostics;

namespace Ledger.Cli;

/// <summary>
/// The linux-x64 tool is compiled ahead of time (Native AOT), and such a process cannot load the SDK's MSBuild into
/// itself. A call with the project option is handed whole to the framework-dependent copy of this tool that the
/// package carries in managed/ beside the executable: the process becomes `dotnet managed/ledger.dll` with the same
/// arguments (execv: the same process id, standard streams and exit code), before anything was read or written.
/// </summary>
internal static class ManagedHandOff
{
    /// <summary>True in the native executable, where MSBuild cannot be loaded; false under the .NET runtime.</summary>
    public static bool Needed => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Replaces this process with the managed copy; returns only by throwing.</summary>
    /// <exception cref="LedgerInputException">LEDGER127: no managed copy beside the executable, or no `dotnet` to run it with.</exception>
    public static void Run(string projectPath)
    {
        var managed = Path.Combine(AppContext.BaseDirectory, "managed", "ledger.dll");
        if (!File.Exists(managed))
            throw NoManagedCopy(projectPath, $"no framework-dependent copy of the tool at {managed}");
        var dotnet = DotnetHost.Find()
            ?? throw NoManagedCopy(projectPath, "no `dotnet` found (DOTNET_HOST_PATH, DOTNET_ROOT or PATH)");
        Console.Out.Flush();
        Console.Error.Flush();
        string[] arguments = [dotnet, managed, .. Environment.GetCommandLineArgs().Skip(1)];
        Exec(arguments);
        throw NoManagedCopy(projectPath, $"{dotnet} could not be started (errno {Marshal.GetLastPInvokeError()})");
    }

    private static LedgerInputException NoManagedCopy(string projectPath, string what) =>
        new(ErrorCodes.InvalidProject, SourceLocation.WholeFile(projectPath), $"a project this tool cannot evaluate here: {what}",
            "a .NET SDK installed where `dotnet --list-sdks` finds it, and the tool installed whole by `dotnet tool install`");

    /// <summary>execv(2) of <paramref name="arguments"/>[0] with these arguments; returns only when it failed.</summary>
    private static void Exec(IReadOnlyList<string> arguments)
    {
        var argv = new IntPtr[arguments.Count + 1];
        try
        {
            for (var i = 0; i < arguments.Count; i++)
                argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            _ = execv(argv[0], argv);
        }
        finally
        {
            foreach (var argument in argv)
                Marshal.FreeCoTaskMem(argument);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int execv(IntPtr path, IntPtr[] argv);
}
