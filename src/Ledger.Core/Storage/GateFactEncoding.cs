namespace Ledger.Core.Storage;

/// <summary>
/// One gate call's facts as one binary blob (<see cref="CanonicalWriter"/>): a count, then per fact its run set, its
/// sources, its baseline fit (a presence byte, then the text) and its regime-change flag (0 false, 1 true, 2 not judged).
/// </summary>
internal static class GateFactEncoding
{
    public static byte[] ToBytes(IReadOnlyCollection<GateFact> facts)
    {
        var writer = new CanonicalWriter(facts.Count * 160);
        writer.WriteInt32(facts.Count);
        foreach (var fact in facts)
        {
            writer.WriteString(fact.RunSet);
            writer.WriteInt32(fact.Sources.Count);
            foreach (var source in fact.Sources)
                writer.WriteString(source);
            writer.WriteByte(fact.BaselineFit is null ? (byte)0 : (byte)1);
            if (fact.BaselineFit is { } baseline)
                writer.WriteString(baseline);
            writer.WriteByte(fact.RegimeChange switch { false => 0, true => 1, null => 2 });
        }
        return writer.WrittenSpan.ToArray();
    }

    /// <exception cref="FormatException">The blob is not a list of facts.</exception>
    public static List<GateFact> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var count = reader.ReadCount();
        var facts = new List<GateFact>(count);
        for (var i = 0; i < count; i++)
        {
            var runSet = reader.ReadString();
            var sources = new string[reader.ReadCount()];
            for (var s = 0; s < sources.Length; s++)
                sources[s] = reader.ReadString();
            var baseline = reader.ReadByte() switch
            {
                0 => null,
                1 => reader.ReadString(),
                var flag => throw new FormatException($"a gate fact's baseline flag is {flag}"),
            };
            bool? regime = reader.ReadByte() switch
            {
                0 => false,
                1 => true,
                2 => null,
                var flag => throw new FormatException($"a gate fact's regime-change flag is {flag}"),
            };
            facts.Add(new GateFact(runSet, sources, baseline, regime));
        }
        return reader.AtEnd ? facts : throw new FormatException("the gate-facts blob has bytes after its last fact");
    }
}
