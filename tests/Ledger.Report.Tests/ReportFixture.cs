using System.Globalization;
using System.Text;
using Ledger.Core.Fitting;
using Ledger.Core.Ingest;
using Ledger.Core.Pipeline;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Report.Tests;

/// <summary>
/// A real ledger file filled by Core's append (the same code as `ledger append`), a report rendered from it into
/// its own folder, and the temp folder around both, which holds nothing else: a file written outside the report
/// folder would show up in it.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public static readonly FitOptions Fit = new() { BootstrapResamples = 100 };

    private ReportFixture(string root)
    {
        Root = root;
        LedgerPath = Path.Combine(root, "ledger.db");
        Logs = Path.Combine(root, "logs");
        OutputDirectory = Path.Combine(root, "report");
        Directory.CreateDirectory(Logs);
    }

    public string Root { get; }
    public string LedgerPath { get; }
    public string Logs { get; }
    public string OutputDirectory { get; }

    public static ReportFixture Create() => new(Directory.CreateTempSubdirectory("ledger-report-").FullName);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public AppendOutcome Append(IReadOnlyList<string> paths, string commit, string branch, DateTimeOffset time) =>
        AppendUseCase.Run(
            new AppendRequest(paths, RepositoryRoot, new ReadOptions(), commit, branch, time, _ => null),
            () => LiteDbLedgerStore.Open(LedgerPath));

    /// <param name="fit">The fit options; <see cref="Fit"/> when null.</param>
    public ReportOutcome Render(string? templates = null, FitOptions? fit = null)
    {
        using var store = LiteDbLedgerStore.OpenExisting(LedgerPath);
        return ReportUseCase.Run(new ReportRequest(OutputDirectory, null, null, null, templates, fit ?? Fit), store);
    }

    /// <summary>A report of the repository's example ledger (ledger.db.example: real `ledger check` runs on main and a feature branch), with the options its fits were recorded with.</summary>
    public static ReportFixture OfExampleLedger()
    {
        var report = Create();
        File.Copy(Path.Combine(RepositoryRoot, "ledger.db.example"), report.LedgerPath);
        report.Render(fit: new FitOptions());
        return report;
    }

    /// <summary>
    /// A CSV log with a recipe and a run column: two seeds of a sigmoid per recipe name, so any text (quotes, angle
    /// brackets, slashes, right-to-left marks) can be a recipe's name, as a real log's recipe column can hold it.
    /// </summary>
    public string WriteLog(string fileName, IEnumerable<string> recipes)
    {
        var csv = new StringBuilder("recipe,run,compute,reward\n");
        foreach (var recipe in recipes)
        {
            for (var seed = 1; seed <= 2; seed++)
            {
                for (var i = 0; i < 16; i++)
                {
                    var compute = 250 * Math.Pow(1.3, i);
                    var reward = 0.05 + 0.75 / (1 + Math.Pow(900 / compute, 1.4)) + 0.004 * Math.Sin(7 * i + seed);
                    csv.Append(Quote(recipe)).Append(",seed").Append(seed).Append(',')
                        .Append(compute.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                        .Append(reward.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }
        var path = Path.Combine(Logs, fileName);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    public string Page(string fileName) => Path.Combine(OutputDirectory, fileName);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"") + "\"";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Ledger.sln not found above " + AppContext.BaseDirectory);
    }
}
