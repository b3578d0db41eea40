using System.Reflection.PortableExecutable;

namespace Ledger.Tests.Infrastructure;

/// <summary>Whether an assembly carries ReadyToRun code compiled ahead of time for one platform.</summary>
public static class ReadyToRunImage
{
    /// <summary>A ReadyToRun image is an IL assembly whose CLI header points at a native-code header (ECMA-335 II.25.3.3, ManagedNativeHeader).</summary>
    public static bool Is(Stream assembly)
    {
        using var reader = new PEReader(assembly, PEStreamOptions.LeaveOpen);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
