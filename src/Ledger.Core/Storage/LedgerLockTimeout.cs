using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage;

/// <summary>
/// How long a call waits for another process's call on the same ledger: <c>--lock-timeout</c> (or the LedgerLockTimeout
/// property), else the <c>LEDGER_LOCK_TIMEOUT</c> environment variable, else 30 s. In seconds; 0 does not wait at all.
/// </summary>
public static class LedgerLockTimeout
{
    public const string EnvironmentVariable = "LEDGER_LOCK_TIMEOUT";

    public const string Option = "--lock-timeout";

    /// <summary>The longest wait that can be asked for: a day.</summary>
    public const double MaxSeconds = 86_400;

    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>The timeout given by <paramref name="text"/>, else by the environment, else <see cref="Default"/>.</summary>
    /// <param name="text">Seconds as given by an option or property; null or blank when not given.</param>
    /// <param name="name">What gave <paramref name="text"/> (<c>--lock-timeout</c>, <c>LedgerLockTimeout</c>), for the error.</param>
    /// <param name="source">Where <paramref name="text"/> came from (the option, or the project file), for the error.</param>
    /// <exception cref="LedgerInputException">LEDGER120: a value that is not a number of seconds from 0 to a day.</exception>
    public static TimeSpan Resolve(string? text, string name, SourceLocation source, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(text))
            return Parse(text, name, source);
        return environment(EnvironmentVariable) is { } fromEnvironment && !string.IsNullOrWhiteSpace(fromEnvironment)
            ? Parse(fromEnvironment, EnvironmentVariable, SourceLocation.WholeFile(EnvironmentVariable))
            : Default;
    }

    private static TimeSpan Parse(string text, string name, SourceLocation source) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new LedgerInputException(ErrorCodes.InvalidOption, source, $"{name} = '{text}'",
                "a number of seconds from 0 (do not wait) to 86400 (a day), such as 120");
}
