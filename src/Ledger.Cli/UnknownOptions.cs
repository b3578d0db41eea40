using System.CommandLine;
using System.CommandLine.Parsing;
using Ledger.Core.Diagnostics;

namespace Ledger.Cli;

/// <summary>
/// Words that look like options the verb does not have. A verb whose paths take any number of words would otherwise
/// read `--recipe-frm run` as two paths and fail on a missing file; an option is never a path (a path that begins
/// with '-' can still follow `--`).
/// </summary>
internal static class UnknownOptions
{
    public static IReadOnlyList<string> In(ParseResult parsed)
    {
        // The parser's own token objects, so that a path after `--` is told from the same word before it.
        var afterDoubleDash = parsed.Tokens.SkipWhile(token => token.Type != TokenType.DoubleDash).ToHashSet(ReferenceEqualityComparer.Instance);
        var asArguments = parsed.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens)
            .Where(token => !afterDoubleDash.Contains(token))
            .Select(token => token.Value);
        return asArguments.Concat(parsed.UnmatchedTokens).Where(LooksLikeAnOption).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>"unknown option --recipe-frm; did you mean --recipe-from?"</summary>
    public static string Message(string unknown, Command command)
    {
        var names = command.Options.SelectMany(option => option.Aliases.Prepend(option.Name)).Where(name => !name.StartsWith("/", StringComparison.Ordinal));
        return NearestNames.Suggestion(unknown, names) is { } suggestion
            ? $"unknown option {unknown}; did you mean {suggestion}?"
            : $"unknown option {unknown}";
    }

    private static bool LooksLikeAnOption(string word) =>
        word.Length > 1 && word[0] == '-' && !double.TryParse(word, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
