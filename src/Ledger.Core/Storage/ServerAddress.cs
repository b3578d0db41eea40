using System.Globalization;
using Ledger.Core.Diagnostics;

namespace Ledger.Core.Storage;

/// <summary>
/// A PostgreSQL server ledger's address, as libpq writes it: <c>postgresql://[user[:password]@][host][:port][/database][?option=value&amp;...]</c>
/// (<c>postgres://</c> too). Parts are percent-decoded, so a socket folder is written <c>%2Frun%2Fpostgresql</c> (or given as
/// <c>?host=/run/postgresql</c>). Without a password in the address, the connection takes it from PGPASSWORD or a pgpass file.
/// </summary>
public sealed class ServerAddress
{
    /// <summary>The query options an address may carry: libpq's names, each with the Npgsql connection-string keyword it sets.</summary>
    public static readonly IReadOnlyDictionary<string, string> Options = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["passfile"] = "Passfile",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    private ServerAddress(string? host, int? port, string? database, string? user, string? password, IReadOnlyDictionary<string, string> settings)
    {
        Host = host;
        Port = port;
        Database = database;
        User = user;
        Password = password;
        Settings = settings;
    }

    public string? Host { get; }

    public int? Port { get; }

    public string? Database { get; }

    public string? User { get; }

    /// <summary>The password the address holds, if any: for the connection only, never for a message.</summary>
    internal string? Password { get; }

    /// <summary>The other options, by Npgsql keyword (SSL Mode, Timeout, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The address as messages show it: user, host, port, database and options, never the password.</summary>
    public string Display
    {
        get
        {
            var user = User is null ? "" : Uri.EscapeDataString(User) + "@";
            var host = Host is null ? "" : Host.Contains(':', StringComparison.Ordinal) && !Host.StartsWith('[') ? $"[{Host}]" : Uri.EscapeDataString(Host);
            var port = Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "";
            var database = Database is null ? "" : "/" + Uri.EscapeDataString(Database);
            var options = Settings.Count == 0 ? "" : "?" + string.Join("&", Settings
                .Select(s => $"{Options.First(o => o.Value == s.Key).Key}={Uri.EscapeDataString(s.Value)}"));
            return $"postgresql://{user}{host}{port}{database}{options}";
        }
    }

    public static bool IsAddress(string text) => Schemes.Any(scheme => text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="LedgerInputException">LEDGER140: a part that cannot be read, with what was expected.</exception>
    public static ServerAddress Parse(string text, SourceLocation source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scheme = Schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase))
            ?? throw Invalid(source, text, "an address that starts with postgresql://");
        var rest = text[scheme.Length..];
        string? query = null;
        if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
            (rest, query) = (rest[..q], rest[(q + 1)..]);
        string? databasePart = null;
        if (rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0)
            (rest, databasePart) = (rest[..slash], rest[(slash + 1)..]);
        string? userInfo = null;
        if (rest.LastIndexOf('@') is var at and >= 0)
            (userInfo, rest) = (rest[..at], rest[(at + 1)..]);

        string? user = null, password = null;
        if (userInfo is not null)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            user = Decoded(colon >= 0 ? userInfo[..colon] : userInfo, "user name", text, source);
            password = colon >= 0 ? Decoded(userInfo[(colon + 1)..], "password", text, source) : null;
        }
        var (host, port) = HostAndPort(rest, text, source);
        var database = string.IsNullOrEmpty(databasePart) ? null : Decoded(databasePart, "database name", text, source);

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (query ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? pair[..equals] : pair;
            if (equals <= 0 || !Options.TryGetValue(name, out var keyword))
            {
                throw Invalid(source, text,
                    $"options of the form name=value, each one of {string.Join(", ", Options.Keys)} (found '{name}')");
            }
            var value = Decoded(pair[(equals + 1)..], name, text, source);
            switch (name)
            {
                case "host": host = value; break;
                case "port": port = PortNumber(value, text, source); break;
                case "dbname": database = value; break;
                case "user": user = value; break;
                case "password": password = value; break;
                default: settings[keyword] = value; break;
            }
        }
        return new ServerAddress(string.IsNullOrEmpty(host) ? null : host, port, database, string.IsNullOrEmpty(user) ? null : user, password, settings);
    }

    private static (string? Host, int? Port) HostAndPort(string hostPort, string text, SourceLocation source)
    {
        if (hostPort.Length == 0)
            return (null, null);
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw Invalid(source, text, "an IPv6 host closed with ']', such as postgresql://user@[::1]:5432/ledger");
            var after = hostPort[(close + 1)..];
            return (hostPort[1..close], after.Length == 0 ? null : after.StartsWith(':') ? PortNumber(after[1..], text, source)
                : throw Invalid(source, text, "':' and a port after the IPv6 host"));
        }
        var colon = hostPort.LastIndexOf(':');
        return colon >= 0
            ? (Decoded(hostPort[..colon], "host", text, source), PortNumber(hostPort[(colon + 1)..], text, source))
            : (Decoded(hostPort, "host", text, source), null);
    }

    private static int PortNumber(string value, string text, SourceLocation source) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw Invalid(source, text, $"a port from 1 to 65535 (found '{value}')");

    private static string Decoded(string part, string what, string text, SourceLocation source)
    {
        try
        {
            return Uri.UnescapeDataString(part);
        }
        catch (UriFormatException)
        {
            throw Invalid(source, text, $"a percent-encoded {what}");
        }
    }

    private static LedgerInputException Invalid(SourceLocation source, string text, string expected) =>
        new(ErrorCodes.InvalidLedgerAddress, source, $"the ledger address '{Masked(text)}'",
            expected + ", as in postgresql://user@host:5432/database?sslmode=require");

    /// <summary>Hides what sits between the scheme's user name and the host: a password, or what may be one.</summary>
    private static string Masked(string text)
    {
        var scheme = Schemes.FirstOrDefault(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        if (scheme is null)
            return text;
        var rest = text[scheme.Length..];
        var end = rest.IndexOfAny(['/', '?']) is var e and >= 0 ? e : rest.Length;
        var at = rest.LastIndexOf('@', end - 1 < 0 ? 0 : end - 1);
        if (at < 0)
            return MaskQueryPassword(text);
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var masked = colon >= 0 && colon < at ? text[..(scheme.Length + colon + 1)] + "***" + text[(scheme.Length + at)..] : text;
        return MaskQueryPassword(masked);
    }

    private static string MaskQueryPassword(string text)
    {
        var index = text.IndexOf("password=", StringComparison.Ordinal);
        if (index < 0)
            return text;
        var end = text.IndexOf('&', index);
        return text[..(index + "password=".Length)] + "***" + (end < 0 ? "" : text[end..]);
    }
}
