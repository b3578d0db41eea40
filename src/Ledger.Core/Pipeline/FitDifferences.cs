using System.Text.Json;
using Ledger.Core.Storage;

namespace Ledger.Core.Pipeline;

/// <summary>Which fields of two fit records differ: doubles by their bits (so NaN equals NaN and 0 differs from -0), the payload field by field.</summary>
public static class FitDifferences
{
    public static IReadOnlyList<string> Between(StoredFit expected, StoredFit actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var fields = new List<string>();
        void Text(string name, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
                fields.Add(name);
        }
        void Number(string name, double a, double b)
        {
            if (BitConverter.DoubleToInt64Bits(a) != BitConverter.DoubleToInt64Bits(b))
                fields.Add(name);
        }

        Text("recipe", expected.Recipe, actual.Recipe);
        Text("model", expected.Model, actual.Model);
        Text("optionsDigest", expected.OptionsDigest, actual.OptionsDigest);
        Text("fitterVersion", expected.FitterVersion, actual.FitterVersion);
        Text("inputDigest", expected.InputDigest, actual.InputDigest);
        Text("status", expected.Status, actual.Status);
        Text("reason", expected.Reason, actual.Reason);
        Number("rSquared", expected.RSquared, actual.RSquared);
        Number("rmse", expected.Rmse, actual.Rmse);
        Number("sse", expected.Sse, actual.Sse);
        if (expected.N != actual.N)
            fields.Add("n");
        if (expected.Parameters.Count != actual.Parameters.Count)
            fields.Add("parameters");
        foreach (var (e, a) in expected.Parameters.Zip(actual.Parameters))
        {
            Text($"parameters.{e.Name}.name", e.Name, a.Name);
            Number($"{e.Name}.value", e.Value, a.Value);
            Number($"{e.Name}.se", e.StandardError, a.StandardError);
            Number($"{e.Name}.lower", e.Lower, a.Lower);
            Number($"{e.Name}.upper", e.Upper, a.Upper);
        }
        if (!string.Equals(expected.PayloadJson, actual.PayloadJson, StringComparison.Ordinal))
            fields.AddRange(Payload(expected.PayloadJson, actual.PayloadJson));
        return fields;
    }

    /// <summary>The paths at which two payloads differ ("payload.parameters[1].value"); the payload writes numbers shortest-round-trip, so equal text is equal bits.</summary>
    private static IEnumerable<string> Payload(string expected, string actual)
    {
        try
        {
            using var e = JsonDocument.Parse(expected);
            using var a = JsonDocument.Parse(actual);
            var paths = new List<string>();
            Walk("payload", e.RootElement, a.RootElement, paths);
            return paths.Count > 0 ? paths : ["payload"];
        }
        catch (JsonException)
        {
            return ["payload (not JSON)"];
        }
    }

    private static void Walk(string path, JsonElement e, JsonElement a, List<string> paths)
    {
        if (e.ValueKind != a.ValueKind)
        {
            paths.Add(path);
            return;
        }
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var names = e.EnumerateObject().Select(p => p.Name).Union(a.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
                foreach (var name in names)
                {
                    if (e.TryGetProperty(name, out var ev) && a.TryGetProperty(name, out var av))
                        Walk($"{path}.{name}", ev, av, paths);
                    else
                        paths.Add($"{path}.{name}");
                }
                break;
            case JsonValueKind.Array:
                if (e.GetArrayLength() != a.GetArrayLength())
                {
                    paths.Add(path);
                    break;
                }
                for (var i = 0; i < e.GetArrayLength(); i++)
                    Walk($"{path}[{i}]", e[i], a[i], paths);
                break;
            default:
                if (e.GetRawText() != a.GetRawText())
                    paths.Add(path);
                break;
        }
    }
}
