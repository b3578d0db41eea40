using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Core.Reporting.Html;

/// <summary>
/// The report's file names. A recipe's name is user text: its file is a slug of it (ASCII letters, digits and
/// dashes, capped in length) plus a short hash of the whole name, so distinct names never share a file, and no
/// name can reach a folder, a device or a hidden file.
/// </summary>
public static class ReportFileNames
{
    public const int MaxSlugLength = 40;

    public static string Index(int page) => page == 1 ? "index.html" : $"index-{page.ToString(CultureInfo.InvariantCulture)}.html";

    public static string Snapshot(long id) => $"snapshot-{id.ToString(CultureInfo.InvariantCulture)}.html";

    /// <summary>The page of every recipe's curve of one snapshot on one axis.</summary>
    public static string Curves(long snapshotId) => $"curves-{snapshotId.ToString(CultureInfo.InvariantCulture)}.html";

    public static string Recipe(string recipe) => $"recipe-{Slug(recipe)}-{ShortHash(recipe)}.html";

    public const string Summary = "summary.md";

    /// <summary>Lower-case ASCII letters and digits of <paramref name="text"/>, runs of anything else as one dash, at most <see cref="MaxSlugLength"/> long.</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
            if (slug.Length >= MaxSlugLength)
                break;
        }
        var trimmed = slug.ToString().Trim('-');
        return trimmed.Length == 0 ? "recipe" : trimmed;
    }

    /// <summary>The first 8 hex digits of the SHA-256 of the name's UTF-8 bytes.</summary>
    public static string ShortHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
