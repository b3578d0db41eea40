using System.Globalization;
using System.Text;
using System.Xml;
using Ledger.Core.Gating;

namespace Ledger.Core.Reporting;

/// <summary>
/// The gate as JUnit XML, the test report GitLab, Azure Pipelines and Jenkins show in their test tabs: one test case per
/// recipe, a failure for each verdict that fails the build (regressed, unverified unless warned, drifted with
/// --fail-on-drift), skipped for unidentified (the data cannot tell A), passed otherwise, with the gate's reason as the
/// case's output. Text the user controls (recipe names, reasons) goes through the XML writer's escaping, and characters
/// XML 1.0 cannot hold are dropped, so a name can neither break the file nor add elements to it.
/// </summary>
public static class GateJUnit
{
    public static string Write(GateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdicts = GateText.Ordered(report).ToList();
        var failures = verdicts.Count(v => report.Options.Fails(v.Verdict));
        var skipped = verdicts.Count(v => v.Verdict == VerdictKind.Unidentified);
        var suite = $"ledger gate {report.Branch}@{GateText.Abbreviate(report.Commit)} against {report.Baseline ?? "no baseline"}";

        // Written as UTF-8 bytes, so the declaration says the encoding the file is read in.
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            WriteCounts(xml, "ledger gate", verdicts.Count, failures, skipped);
            xml.WriteStartElement("testsuite");
            WriteCounts(xml, XmlText(suite), verdicts.Count, failures, skipped);
            foreach (var verdict in verdicts)
                WriteCase(xml, report, verdict);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the report to <paramref name="file"/> whole (see <see cref="FileSystem.WholeFile"/>).</summary>
    /// <exception cref="Diagnostics.LedgerInputException">LEDGER118: the file cannot be written.</exception>
    public static void WriteFile(GateReport report, string file)
    {
        var bytes = Encoding.UTF8.GetBytes(Write(report));
        FileSystem.WholeFile.Write(file, stream =>
        {
            stream.Write(bytes);
            return bytes.Length;
        });
    }

    private static void WriteCounts(XmlWriter xml, string name, int tests, int failures, int skipped)
    {
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteCase(XmlWriter xml, GateReport report, RecipeVerdict verdict)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", "ledger.gate");
        xml.WriteAttributeString("name", XmlText(verdict.Recipe));
        xml.WriteAttributeString("file", XmlText(report.SourceOf(verdict.Recipe)));
        var line = $"{verdict.Verdict.Name()}: {verdict.Reason}";
        if (report.Options.Fails(verdict.Verdict))
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", verdict.Verdict.Name());
            xml.WriteAttributeString("message", XmlText(line));
            xml.WriteString(XmlText(line));
            xml.WriteEndElement();
        }
        else if (verdict.Verdict == VerdictKind.Unidentified)
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", XmlText(line));
            xml.WriteEndElement();
        }
        xml.WriteElementString("system-out", XmlText(line));
        xml.WriteEndElement();
    }

    private static string XmlText(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value > char.MaxValue || XmlConvert.IsXmlChar((char)rune.Value))
                kept.Append(rune.ToString());
        }
        return kept.ToString();
    }
}
