using System.Text;
using Ledger.Core.Diagnostics;
using Ledger.Core.Ingest;
using Ledger.Tests.Infrastructure;

namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// CSV rows are split by Sep where the file can seek, and by our tokenizer otherwise or wherever the two could read a
/// file differently. These are the places they could disagree: each must read, or fail with its code, line and column,
/// exactly as the tokenizer alone did. The expected outcomes were taken from the reader before Sep (commit fe82127).
/// </summary>
public class CsvRowsBySepTests
{
    private static readonly string ManyRows = string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},0.{i % 10}\n"));

    public static TheoryData<string, string, string> Cases => new()
    {
        { "quoted delimiter", "run,compute,reward\n\"a,b\",1,0.5\n\"a,b\",2,0.6\n", "a,b: 1/0.5 2/0.6" },
        { "escaped quote", "run,compute,reward\n\"say \"\"hi\"\"\",1,0.5\n", "say \"hi\": 1/0.5" },
        { "CRLF inside quotes, then an error", "run,compute,reward\r\n\"x\r\ny\",1,0.5\r\n\"x\r\ny\",2,oops\r\n", "LEDGER106 5:6" },
        { "lone CR inside quotes, then an error", "run,compute,reward\r\"a\rb\",1,0.5\r\"a\rb\",2,x\r", "LEDGER106 5:6" },
        { "a blank line inside quotes", "run,compute,reward\n\"a\n\nb\",1,0.5\n\"a\n\nb\",2,zz\n", "LEDGER106 7:6" },
        { "trailing delimiter", "compute,reward\n1,0.5,\n", "LEDGER112 2:7" },
        { "a row with too many cells", "compute,reward\n1,0.5\n2,0.6,7\n", "LEDGER112 3:7" },
        { "a row with too few cells", "compute,reward,step\n1,0.5,1\n2,0.6\n", "LEDGER112 3:6" },
        { "a quoted row with too few cells", "compute,reward,step\n1,0.5,1\n\"2\",\"0.6\"\n", "LEDGER112 3:10" },
        { "a BOM", "\uFEFFcompute,reward\n1,abc\n", "LEDGER106 2:3" },
        { "two BOMs", "\uFEFF\uFEFFcompute,reward\n1,0.5\n", "LEDGER114 1:1" },
        { "a BOM-like character at a row's start", "compute,reward\n\uFEFF1,0.5\n", "LEDGER106 2:1" },
        { "blank last lines", "compute,reward\n1,0.5\n2,0.6\n\n   \n\t\n", "run: 1/0.5 2/0.6" },
        { "no line end at the end", "compute,reward\n1,0.5\n2,0.6", "run: 1/0.5 2/0.6" },
        { "a row of delimiters only", "compute,reward\n1,0.5\n,\n", "run: 1/0.5" },
        { "a line of Unicode spaces", "compute\treward\n1\t0.5\n\u00A0\u2028\n2\t0.6\n", "run: 1/0.5 2/0.6" },
        { "LF then CR", "compute,reward\n1,0.5\n\r2,x\n", "LEDGER106 4:3" },
        { "text after a closing quote", "compute,reward\n1,0.5\n\"2\"x,0.6\n", "LEDGER112 3:4" },
        { "a quote inside an unquoted field", "compute,reward\n1,0.5\n2,0\"6\n", "LEDGER112 3:4" },
        { "a quote never closed", "compute,reward\n1,0.5\n\"2,0.6\n3,0.7\n", "LEDGER112 3:1" },
        { "an empty quoted field", "compute,reward,note\n1,0.5,\"\"\n2,0.6,x\n", "run: 1/0.5 2/0.6" },
        { "columns count characters, not bytes", "run,compute,reward\ncaf\u00e9\U0001F600,1,x\n", "LEDGER106 2:10" },
        { "a multi-line quoted header", "\"note\nx\",compute,reward\n,1,0.5\n,2,bad\n", "LEDGER106 4:4" },
        { "semicolons with quoted commas", "run;compute;reward\n\"a,b\";1;0,5\n", "LEDGER106 2:9" },
        { "a ragged row after 20,000 rows", "compute,reward\n" + ManyRows + "20001,0.1,9\n", "LEDGER112 20002:11" },
        { "a stray quote after 20,000 rows", "compute,reward\n" + ManyRows + "20001,0.\"1\n", "LEDGER112 20002:9" },
        { "a bad number after 20,000 rows", "compute,reward\n" + ManyRows + "20001,zero\n", "LEDGER106 20002:7" },
        { "a control character after 20,000 rows", "compute,reward\n" + ManyRows + "20001,0.1\u0007\n", "LEDGER104 20002:10" },
        { "a line over 1 MiB after 20,000 rows", "compute,reward\n" + ManyRows + "20001," + new string('1', 1 << 20) + "\n", "LEDGER111 20002:1" },
        { "a row past Sep's 16 Mi characters, of short quoted lines", "compute,reward\n1,0.5\n" + string.Concat(Enumerable.Repeat("\"x\n\",", 3_500_000)) + "0\n", "LEDGER112 5:3" },
        { "a quote open over 1 MiB after 20,000 rows", "compute,reward\n" + ManyRows + "\"" + string.Concat(Enumerable.Repeat("1,0.5\n", 200_000)), "LEDGER111 20002:1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_or_refuses_as_the_tokenizer_did(string name, string text, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", text);

        var outcome = Outcome(path);

        Assert.True(expected == outcome, $"{name}: expected {expected}, got {outcome}");
    }

    [Fact]
    public void Invalid_UTF8_after_20000_rows_is_refused_where_it_is()
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", [.. Encoding.UTF8.GetBytes("compute,reward\n" + ManyRows + "20001,0."), 0xC3, 0x28, (byte)'\n']);

        var error = Assert.Throws<LedgerInputException>(() => RunLogReader.Read(path, new ReadOptions()));

        Assert.Equal((ErrorCodes.NotText, 20002, 9), (error.Code, error.Location.Line, error.Location.Column));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_case_gives_the_same_rows_and_error_through_Sep_as_through_the_tokenizer(string name, string text, string expected)
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", text);

        var bySep = Transcript(path, LogFile.OpenRead);
        var byTokenizer = Transcript(path, file => new ForwardOnlyStream(LogFile.OpenRead(file)));

        Assert.True(byTokenizer == bySep, $"{name} ({expected}): the tokenizer read\n{byTokenizer}\nSep read\n{bySep}");
    }

    /// <summary>Valid logs larger than a chunk of the checked reader and Sep's buffer, with characters and quoted rows cut by both.</summary>
    public static TheoryData<string, string> LargeLogs => new()
    {
        { "two- and three-byte characters", "compute,reward,note\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},0.5,caf\u00e9 \u2615{i}\n")) },
        { "surrogate pairs", "compute,reward,note\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},0.5,\U0001F680{i % 7}\n")) },
        { "quoted rows over CRLF lines", "compute,reward,note\r\n" + string.Concat(Enumerable.Range(1, 20_000).Select(i => $"{i},\"0.5\",\"a, \"\"b\"\"\r\n{i}\"\r\n")) },
    };

    [Theory]
    [MemberData(nameof(LargeLogs))]
    public void Large_logs_give_the_same_rows_through_Sep_as_through_the_tokenizer(string name, string text)
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", text);

        var bySep = Transcript(path, LogFile.OpenRead);
        var byTokenizer = Transcript(path, file => new ForwardOnlyStream(LogFile.OpenRead(file)));

        Assert.True(byTokenizer == bySep, $"{name}: the readers differ");
        Assert.EndsWith("\nend\n", bySep.ReplaceLineEndings("\n"));
        Assert.Equal(20_000, Assert.Single(RunLogReader.Read(path, new ReadOptions())).Points.Count);
    }

    [Theory]
    [MemberData(nameof(LargeLogs))]
    public void Sep_reads_large_valid_logs_to_the_end_without_handing_over(string name, string text)
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.csv", text);
        using var reader = new Utf8LineReader(path, LogFile.OpenRead(path));
        using var header = reader.ReadLines().GetEnumerator();
        Assert.True(header.MoveNext());
        using var rows = new SepCsvRows(path, reader, ',', firstLine: 2, columnCount: 3);

        var read = 0;
        while (rows.TryRead(out _))
            read++;

        Assert.False(rows.Doubted, name);
        Assert.Equal(20_000, read);
    }

    [Fact]
    public void Mutated_logs_give_the_same_rows_and_error_through_Sep_as_through_the_tokenizer()
    {
        using var temp = new TempFolder();
        var rows = Enumerable.Range(1, 100).Select(i => $"r{i % 3},{i},0.{i % 10},\"q, \"\"n\"\"\r\nx\"\r\n");
        var original = Encoding.UTF8.GetBytes(FuzzTests.ValidCsv + string.Concat(rows));
        var path = temp.Write("run.csv", original);
        var random = new Random(20261203);
        var outcomes = new HashSet<string>();

        for (var i = 0; i < 1000; i++)
        {
            File.WriteAllBytes(path, FuzzTests.Mutate(original, random));

            var bySep = Transcript(path, LogFile.OpenRead);
            var byTokenizer = Transcript(path, file => new ForwardOnlyStream(LogFile.OpenRead(file)));

            Assert.True(byTokenizer == bySep, $"mutation {i} ({Convert.ToHexString(File.ReadAllBytes(path))}): the tokenizer read\n{byTokenizer}\nSep read\n{bySep}");
            outcomes.Add(bySep[(bySep.LastIndexOf('\n', bySep.Length - 2) + 1)..].Split(' ')[0]);
        }

        Assert.True(outcomes.Count >= 4, "mutations should end in several different ways: " + string.Join(", ", outcomes));
    }

    /// <summary>Everything a table gives: its columns and header cells, each row's cells with their positions, and how it ends.</summary>
    private static string Transcript(string path, Func<string, Stream> open)
    {
        var text = new StringBuilder();
        try
        {
            using var table = CsvLogTable.Open(path, open(path));
            text.Append("header ").AppendLine(string.Join(" ", table.HeaderCells.Select(Cell)));
            foreach (var row in table.Rows())
                text.Append(row.Line).Append(": ").AppendLine(string.Join(" ", row.Cells.Select(cell => Cell(cell!.Value))));
            text.AppendLine("end");
        }
        catch (LedgerInputException e)
        {
            text.AppendLine(e.Code + " " + e.Message);
        }
        return text.ToString();
    }

    private static string Cell(LogCell cell) => $"{cell.Line}:{cell.Column}:{InputErrors.Quote(cell.Text)}";

    /// <summary>The runs read (name: compute/reward ...), or the error's code and position.</summary>
    private static string Outcome(string path)
    {
        try
        {
            return string.Join("; ", RunLogReader.Read(path, new ReadOptions()).Select(run =>
                run.RunName + ": " + string.Join(" ", run.Points.Select(p => $"{InputErrors.FormatNumber(p.Compute)}/{InputErrors.FormatNumber(p.Reward)}"))));
        }
        catch (LedgerInputException e)
        {
            return $"{e.Code} {e.Location.Line}:{e.Location.Column}";
        }
    }
}
