using System.CommandLine;
using Ledger.Core.Gating;

namespace Ledger.Cli;

/// <summary>--allow-list, shared by the gate's verbs and `ledger changes`: the file the team reviews, read before the ledger is opened.</summary>
internal static class AllowListOption
{
    public static Option<string> Create(string purpose) => new("--allow-list")
    {
        Description = $"{purpose} (default: ./ledger.allow.json, and then a missing file holds nothing; a file named here must exist).",
        DefaultValueFactory = _ => "ledger.allow.json",
    };

    /// <summary>A bad allow-list, or a named one that does not exist, is exit 2 with nothing read or written.</summary>
    public static AllowList Load(ParseResult parsed, Option<string> option) =>
        AllowList.Load(Path.GetFullPath(parsed.GetValue(option)!), mustExist: parsed.GetResult(option) is { Implicit: false });
}
