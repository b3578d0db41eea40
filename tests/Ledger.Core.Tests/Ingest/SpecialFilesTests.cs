using System.Diagnostics;
using Ledger.Core.Diagnostics;
using Ledger.Core.FileSystem;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// Inputs that once hung the tool: a symbolic link loop in a folder of logs (the walk went round for ever, its
/// memory growing) and a named pipe given as a log (opening it waits for a writer). Each case runs under a
/// deadline, so a regression fails the test instead of hanging the suite.
/// </summary>
public sealed class SpecialFilesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _temp = new();

    public SpecialFilesTests()
    {
        _temp.Write("runs/grpo/seed1.csv", "compute,reward\n1,0.5\n");
        _temp.Write("runs/ppo/seed1.csv", "compute,reward\n1,0.5\n");
        // A loop to the top of the tree, one to the folder itself, and two links to one folder in each folder:
        // walked naively that is 2^40 paths before the kernel's limit of 40 links per lookup stops any of them.
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "runs", "grpo", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "runs", "grpo", "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "runs", "ppo", "again"), "../ppo");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "runs", "ppo", "once-more"), "../ppo");
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("runs")]
    [InlineData("runs/**/*.csv")]
    [InlineData("**/seed1.csv")]
    public void A_folder_with_link_loops_is_walked_once_and_ends(string entry)
    {
        var files = WithinDeadline(() => RunLogSources.Expand([entry], _temp.Path));

        Assert.Equal(["runs/grpo/seed1.csv", "runs/ppo/seed1.csv"], files.Select(f => Path.GetRelativePath(_temp.Path, f).Replace('\\', '/')));
    }

    [Fact]
    public void A_link_to_a_folder_outside_the_walk_is_still_followed()
    {
        _temp.Write("elsewhere/dapo/seed1.csv", "compute,reward\n1,0.5\n");
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "runs", "dapo"), Path.Combine(_temp.Path, "elsewhere", "dapo"));

        var files = WithinDeadline(() => RunLogSources.Expand(["runs"], _temp.Path));

        Assert.Contains(Path.Combine(_temp.Path, "runs", "dapo", "seed1.csv"), files);
    }

    [Theory]
    [InlineData("pipe.csv")]
    [InlineData("runs")]
    [InlineData("runs/**/*.csv")]
    public void A_named_pipe_is_refused_at_once_as_LEDGER118(string entry)
    {
        var fifo = MakeFifo(entry == "pipe.csv" ? "pipe.csv" : "runs/grpo/pipe.csv");

        var error = WithinDeadline(() => Assert.Throws<LedgerInputException>(() => RunLogSources.Expand([entry], _temp.Path)));

        Assert.Equal(ErrorCodes.CannotReadFile, error.Code);
        Assert.EndsWith("pipe.csv", error.Location.File);
        Assert.StartsWith("a named pipe (FIFO), not a regular file", error.Found);
        Assert.Equal(FileKind.Fifo, FileStatus.Of(fifo).Kind);
    }

    [Fact]
    public void The_reader_itself_refuses_a_named_pipe_and_a_device_without_opening_them()
    {
        var fifo = MakeFifo("pipe.csv");

        var pipe = WithinDeadline(() => Assert.Throws<LedgerInputException>(() => RunLogReader.Read(fifo, new ReadOptions())));
        var device = WithinDeadline(() => Assert.Throws<LedgerInputException>(() => RunLogReader.Read("/dev/zero", new ReadOptions { Format = "csv" })));

        Assert.Equal((ErrorCodes.CannotReadFile, fifo), (pipe.Code, pipe.Location.File));
        Assert.Equal(("a device, not a regular file", ErrorCodes.CannotReadFile), (device.Found, device.Code));
    }

    [Fact]
    public void File_status_tells_kinds_identities_and_links_apart()
    {
        var file = Path.Combine(_temp.Path, "runs", "grpo", "seed1.csv");
        var link = Path.Combine(_temp.Path, "runs", "grpo", "up");

        Assert.Equal((FileKind.RegularFile, 1u), (FileStatus.Of(file).Kind, FileStatus.Of(file).LinkCount));
        Assert.Equal(FileKind.Directory, FileStatus.Of(link).Kind);
        Assert.Equal(FileKind.SymbolicLink, FileStatus.Of(link, followLinks: false).Kind);
        Assert.Equal(FileStatus.Of(Path.Combine(_temp.Path, "runs")).Identity, FileStatus.Of(link).Identity);
        Assert.NotEqual(FileStatus.Of(file).Identity, FileStatus.Of(Path.Combine(_temp.Path, "runs", "ppo", "seed1.csv")).Identity);
        Assert.Equal(FileKind.Missing, FileStatus.Of(Path.Combine(_temp.Path, "nothing", "here")).Kind);
        Assert.Equal(FileKind.Device, FileStatus.Of("/dev/null").Kind);
    }

    [Fact]
    public void File_status_gives_the_length_and_last_write_time_that_file_info_gives()
    {
        var file = Path.Combine(_temp.Path, "runs", "grpo", "seed1.csv");
        // A time with a part of a second finer than a millisecond, in the past, to catch a rounding or an epoch off by one.
        File.SetLastWriteTimeUtc(file, new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_567));
        var info = new FileInfo(file);

        var status = FileStatus.Of(file);

        Assert.Equal((info.Length, info.LastWriteTimeUtc.Ticks), (status.Length, status.LastWriteTicksUtc));
        Assert.Equal(new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1_234_567).Ticks, status.LastWriteTicksUtc);
        Assert.Equal("compute,reward\n1,0.5\n".Length, status.Length);
    }

    private string MakeFifo(string relative)
    {
        var path = Path.Combine(_temp.Path, relative);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static T WithinDeadline<T>(Func<T> action)
    {
        var task = Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(Deadline), $"still running after {Deadline.TotalSeconds} s: the input hangs the tool");
        return task.Result;
    }
}
