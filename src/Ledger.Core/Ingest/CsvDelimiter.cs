namespace Ledger.Core.Ingest;

/// <summary>Picks a CSV file's delimiter from its header line: the most frequent of comma, tab and semicolon outside quotes.</summary>
internal static class CsvDelimiter
{
    // Order breaks ties: comma is the RFC's delimiter; a semicolon is likelier than a tab to appear inside a name.
    private static readonly char[] Candidates = [',', '\t', ';'];

    public static char Detect(string headerLine)
    {
        var counts = new int[Candidates.Length];
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && Array.IndexOf(Candidates, c) is var k and >= 0)
                counts[k]++;
        }
        var best = 0;
        for (var k = 1; k < Candidates.Length; k++)
        {
            if (counts[k] > counts[best])
                best = k;
        }
        return Candidates[best];
    }
}
