namespace Ledger.Core.Diagnostics;

/// <summary>
/// The one line a shell shows for a fault of Ledger itself (an exception no rule of Ledger's expected): LEDGER901,
/// what failed, and a request to report it. Never a stack trace unless asked for: a user can do nothing with one, and
/// a wall of frames hides the line that matters; the CLI adds it when LEDGER_DEBUG is set.
/// </summary>
public static class FaultReport
{
    /// <summary>The environment variable that adds the stack trace to the CLI's report of a fault.</summary>
    public const string DebugVariable = "LEDGER_DEBUG";

    /// <summary>"Ledger failed unexpectedly (IOException: ...); ...": one line, whatever the exception's message holds.</summary>
    public static string Message(Exception exception, string reportWith)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // A fault inside a parallel loop arrives wrapped; its one inner exception is what failed.
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
            exception = aggregate.InnerExceptions[0];
        return DisplayText.Escape($"Ledger failed unexpectedly ({exception.GetType().Name}: {exception.Message}); " +
                                  $"this is a fault of Ledger: please file an issue with {reportWith}");
    }

    /// <summary>Whether <see cref="DebugVariable"/> asks for stack traces: set, and not "0" or "false".</summary>
    public static bool Debugging(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(DebugVariable) is { Length: > 0 } value && value != "0" && !value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }
}
