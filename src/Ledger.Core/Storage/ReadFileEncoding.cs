namespace Ledger.Core.Storage;

/// <summary>
/// Read-file records as one binary blob per ledger document: counts as int32, strings length-prefixed UTF-8
/// (<see cref="CanonicalWriter"/>). A rerun reads every record back, and a blob decodes far faster than thousands of
/// small BSON documents.
/// </summary>
internal static class ReadFileEncoding
{
    public static byte[] ToBytes(IReadOnlyCollection<ReadFileRecord> records)
    {
        var writer = new CanonicalWriter(records.Count * 192);
        writer.WriteInt32(records.Count);
        foreach (var record in records)
        {
            writer.WriteString(record.Key);
            writer.WriteInt32(record.Runs.Count);
            foreach (var run in record.Runs)
            {
                writer.WriteString(run.Recipe);
                writer.WriteString(run.Digest);
                writer.WriteInt32(run.Warnings.Count);
                foreach (var warning in run.Warnings)
                    writer.WriteString(warning);
            }
        }
        return writer.WrittenSpan.ToArray();
    }

    /// <exception cref="FormatException">The blob is not a list of records.</exception>
    public static List<ReadFileRecord> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var count = reader.ReadCount();
        var records = new List<ReadFileRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var runs = new RecordedRun[reader.ReadCount()];
            for (var r = 0; r < runs.Length; r++)
            {
                var recipe = reader.ReadString();
                var digest = reader.ReadString();
                var warnings = new string[reader.ReadCount()];
                for (var w = 0; w < warnings.Length; w++)
                    warnings[w] = reader.ReadString();
                runs[r] = new RecordedRun(recipe, digest, warnings);
            }
            records.Add(new ReadFileRecord(key, runs));
        }
        return reader.AtEnd ? records : throw new FormatException("the read-file blob has bytes after its last record");
    }
}
