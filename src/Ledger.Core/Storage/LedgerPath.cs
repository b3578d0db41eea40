namespace Ledger.Core.Storage;

/// <summary>Where the ledger file is, by the rule of PRODUCT.md section 4.</summary>
public static class LedgerPath
{
    /// <summary>The environment variable that names the ledger when no option does.</summary>
    public const string EnvironmentVariable = "LEDGER_DB";

    /// <summary>The ledger file used when neither an option nor the environment names one, relative to the working directory.</summary>
    public const string DefaultFileName = "ledger.db";

    /// <summary>
    /// The explicit <c>--db</c> value, else <c>LEDGER_DB</c>, else <c>ledger.db</c>. Blank values count as
    /// absent, since an empty variable in a CI file usually means "not set". The result is returned as given,
    /// not made absolute: the caller's working directory decides.
    /// </summary>
    /// <param name="environment">Looks up an environment variable; a parameter so tests need not touch the process environment.</param>
    public static string Resolve(string? dbOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(dbOption))
            return dbOption;
        var fromEnvironment = environment(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultFileName : fromEnvironment;
    }
}
