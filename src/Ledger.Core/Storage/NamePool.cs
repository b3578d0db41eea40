using System.Text;

namespace Ledger.Core.Storage;

/// <summary>
/// Names decoded from UTF-8 and kept once each: a read of 1,000 snapshots of 1,000 recipes holds 1,000 recipe names, not
/// 1,000,000 copies of them, and a name already seen is found without making a string.
/// </summary>
internal sealed class NamePool
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        var chars = utf8.Length <= 512 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var decoded = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (_names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(decoded, out var name))
            return name;
        name = new string(decoded);
        _names.Add(name);
        return name;
    }

    /// <summary>The instance kept of <paramref name="name"/>: the first one given.</summary>
    public string Get(string name)
    {
        if (_names.TryGetValue(name, out var kept))
            return kept;
        _names.Add(name);
        return name;
    }
}
