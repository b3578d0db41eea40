using System.Reflection;
using Ledger.Core.Reporting.Html;
using Ledger.Core.Storage;
using Ledger.Core.Storage.LiteDb;
using Ledger.Core.Storage.Postgres;

namespace Ledger.Core.Tests.Reporting;

/// <summary>
/// Reporting/Html renders plain inputs that a Pipeline use case resolved: no type of it holds, takes or returns a store
/// or anything else of Storage that does I/O. Plain records of Storage (Snapshot, StoredRun, StoredVerdict) are inputs
/// and allowed.
/// </summary>
public sealed class ReportLayeringTests
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Nothing_in_Reporting_Html_holds_takes_or_returns_a_store()
    {
        var html = typeof(ReportFits).Assembly.GetTypes().Where(t => t.Namespace == typeof(ReportFits).Namespace).ToList();
        Assert.Contains(typeof(ReportFits), html);
        Assert.Contains(html, t => t.IsNested); // the compiler's closures are checked too

        var found = html.SelectMany(Uses).Where(use => DoesIo(use.Type)).Select(use => $"{use.Where}: {use.Type}").ToList();

        Assert.Empty(found);
    }

    [Fact]
    public void The_rule_tells_stores_from_plain_records()
    {
        Assert.True(DoesIo(typeof(ILedgerStore)));
        Assert.True(DoesIo(typeof(LiteDbLedgerStore)));
        Assert.True(DoesIo(typeof(PostgresLedgerStore)));
        Assert.True(DoesIo(typeof(Func<ILedgerStore, int>)));
        Assert.True(DoesIo(typeof(IReadOnlyList<LiteDB.BsonDocument>[])));
        Assert.False(DoesIo(typeof(Snapshot)));
        Assert.False(DoesIo(typeof(IReadOnlyList<StoredRun>)));
        Assert.False(DoesIo(typeof(Dictionary<long, IReadOnlyList<StoredVerdict>>)));
    }

    private static IEnumerable<(string Where, Type Type)> Uses(Type type)
    {
        foreach (var field in type.GetFields(Everything))
            yield return ($"{type}.{field.Name}", field.FieldType);
        foreach (var property in type.GetProperties(Everything))
            yield return ($"{type}.{property.Name}", property.PropertyType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            foreach (var parameter in method.GetParameters())
                yield return ($"{type}.{method.Name}({parameter.Name})", parameter.ParameterType);
            if (method is MethodInfo { ReturnType: var returned })
                yield return ($"{type}.{method.Name} returns", returned);
        }
    }

    /// <summary>A store (the interface, an implementation, or anything disposable of Storage: files, connections) or a type of the database libraries, anywhere in a type's arguments.</summary>
    private static bool DoesIo(Type type)
    {
        if (type.HasElementType)
            return DoesIo(type.GetElementType()!);
        if (type.IsGenericType && type.GetGenericArguments().Any(DoesIo))
            return true;
        var storage = type.Namespace?.StartsWith(typeof(ILedgerStore).Namespace!, StringComparison.Ordinal) == true;
        var library = type.Assembly == typeof(LiteDB.LiteDatabase).Assembly || type.Assembly == typeof(Npgsql.NpgsqlConnection).Assembly;
        return library || typeof(ILedgerStore).IsAssignableFrom(type)
            || (storage && (type.IsInterface || typeof(IDisposable).IsAssignableFrom(type) || type.Namespace != typeof(ILedgerStore).Namespace));
    }
}
