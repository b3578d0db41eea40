using Ledger.Core.Concurrency;
using Ledger.Core.Diagnostics;
using Ledger.Core.Storage.LiteDb;

namespace Ledger.Core.Tests.Storage;

/// <summary>
/// Every spelling of one ledger file names the same file, the same lock and the same write-ahead log: two writers that
/// spelled it differently ran unserialised and corrupted the ledger.
/// </summary>
public sealed class LedgerFilesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public LedgerFilesTests()
    {
        Directory.CreateDirectory(_folder.File("D"));
        Directory.CreateSymbolicLink(_folder.File("D-link"), _folder.File("D"));
        Directory.CreateDirectory(_folder.File("other/deeper"));
    }

    public void Dispose() => _folder.Dispose();

    private string Real => Path.Combine(Posix.RealPath(_folder.Path)!, "D", "k.db");

    [Theory]
    [InlineData("D/k.db")]
    [InlineData("D-link/k.db")]
    [InlineData("./D-link/./k.db")]
    [InlineData("other/deeper/../../D/k.db")]
    [InlineData("D-link/../D-link/k.db")]
    public void Every_spelling_of_a_file_that_does_not_exist_yet_resolves_to_its_real_folder(string spelling)
    {
        var files = LedgerFiles.Resolve(Path.Combine(_folder.Path, spelling));

        Assert.Equal(Real, files.Data);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(Real)!, "k-log.db"), files.Log);
        Assert.Equal(MachineWideLock.NameFor("ledger", Real), MachineWideLock.NameFor("ledger", files.Data));
    }

    [Fact]
    public void A_link_to_the_file_itself_names_the_file_it_points_to()
    {
        File.WriteAllBytes(_folder.File("D/k.db"), []);
        File.CreateSymbolicLink(_folder.File("alias.db"), _folder.File("D/k.db"));

        var files = LedgerFiles.Resolve(_folder.File("alias.db"));

        Assert.Equal(Real, files.Data);
        Assert.Equal(_folder.File("alias.db"), files.Display);
    }

    [Fact]
    public void Going_up_from_a_linked_folder_goes_up_from_where_the_link_points_as_the_kernel_does()
    {
        // D-link points to D, so D-link/.. is the temp folder itself; a lexical GetFullPath would say the same here, but
        // not for a link that points elsewhere: other/up-link -> D, and other/up-link/../k.db is next to D, not in other.
        Directory.CreateSymbolicLink(_folder.File("other/up-link"), _folder.File("D"));

        var files = LedgerFiles.Resolve(_folder.File("other/up-link/../k.db"));

        Assert.Equal(Path.Combine(Posix.RealPath(_folder.Path)!, "k.db"), files.Data);
    }

    [Fact]
    public void A_path_in_a_folder_that_does_not_exist_cannot_be_opened()
    {
        var error = Assert.Throws<LedgerUnavailableException>(() => LedgerFiles.Resolve(_folder.File("missing/k.db")));

        Assert.Equal(ErrorCodes.LedgerCannotOpen, error.Code);
        Assert.Contains("does not exist", error.Message);
    }
}
