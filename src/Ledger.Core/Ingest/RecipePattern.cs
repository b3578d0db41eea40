using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Ingest;

/// <summary>The RecipePattern option compiled once per process, with its group <c>recipe</c>, or refused as a usage error.</summary>
internal static class RecipePattern
{
    public const string Group = "recipe";

    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <exception cref="LedgerInputException">LEDGER120: not a regular expression, or one without a group named 'recipe'.</exception>
    public static Regex Parse(string pattern, string path)
    {
        if (Compiled.TryGetValue(pattern, out var regex))
            return regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw Invalid(path, pattern, $"a .NET regular expression ({e.Message.TrimEnd('.')})");
        }
        if (!regex.GetGroupNames().Contains(Group, StringComparer.Ordinal))
            throw Invalid(path, pattern, $"a regular expression with a group named '{Group}', such as '^(?<{Group}>.+)-seed[0-9]+$'");
        return Compiled.GetOrAdd(pattern, regex);
    }

    private static LedgerInputException Invalid(string path, string pattern, string expected) =>
        InputErrors.InFile(ErrorCodes.InvalidOption, path, $"RecipePattern = {InputErrors.QuoteName(pattern)}", expected);
}
