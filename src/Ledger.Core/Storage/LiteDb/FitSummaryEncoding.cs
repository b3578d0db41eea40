using System.Buffers.Binary;
using System.Text;

namespace Ledger.Core.Storage.LiteDb;

/// <summary>
/// The binary <c>fits</c> of a <see cref="FitSummaryDocuments"/> document: for each fit, in record order, its document's
/// _id (Int64, little-endian), then its recipe, model, options digest, fitter version, input digest and summary, each a
/// 7-bit encoded byte length and UTF-8 (as <see cref="BinaryWriter"/> writes strings). Decoded from the bytes in place: the
/// identities' names are pooled, and a summary is handed on as the bytes where it lies, for its reader to parse.
/// </summary>
internal static class FitSummaryEncoding
{
    /// <summary>UTF-8 that refuses what it cannot encode or decode, rather than replacing it: a damaged record is found.</summary>
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Encode(IEnumerable<(FitIdentity Identity, byte[] Summary)> entries)
    {
        var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Strict))
        {
            foreach (var (identity, summary) in entries)
            {
                writer.Write(identity.Sequence);
                foreach (var text in new[] { identity.Recipe, identity.Model, identity.OptionsDigest, identity.FitterVersion, identity.InputDigest })
                    writer.Write(text);
                writer.Write7BitEncodedInt(summary.Length);
                writer.Write(summary);
            }
        }
        return bytes.ToArray();
    }

    /// <summary>The <paramref name="count"/> entries of <paramref name="bytes"/>: each fit's identity and where its summary lies.</summary>
    /// <exception cref="FormatException">The bytes do not hold that many entries, or hold more.</exception>
    public static List<(FitIdentity Identity, Range Summary)> Decode(byte[] bytes, int count, NamePool names)
    {
        var entries = new List<(FitIdentity, Range)>(count);
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            if (position + sizeof(long) > bytes.Length)
                throw CutShort();
            var sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position));
            position += sizeof(long);
            var identity = new FitIdentity(sequence, names.Get(bytes.AsSpan(Next(bytes, ref position))), names.Get(bytes.AsSpan(Next(bytes, ref position))),
                names.Get(bytes.AsSpan(Next(bytes, ref position))), names.Get(bytes.AsSpan(Next(bytes, ref position))), Text(bytes, Next(bytes, ref position)));
            entries.Add((identity, Next(bytes, ref position)));
        }
        return position == bytes.Length ? entries : throw new FormatException("its fits hold more than it counts");
    }

    private static string Text(byte[] bytes, Range range) => Strict.GetString(bytes.AsSpan(range));

    /// <summary>Where the string at <paramref name="position"/> lies, after its length; moves past it.</summary>
    private static Range Next(byte[] bytes, ref int position)
    {
        var (length, shift) = (0, 0);
        byte part;
        do
        {
            if (position >= bytes.Length || shift > 28)
                throw CutShort();
            part = bytes[position++];
            length |= (part & 0x7F) << shift;
            shift += 7;
        }
        while ((part & 0x80) != 0);
        if (length < 0 || length > bytes.Length - position)
            throw CutShort();
        var start = position;
        position += length;
        return start..position;
    }

    private static FormatException CutShort() => new("its fits are cut short");
}
