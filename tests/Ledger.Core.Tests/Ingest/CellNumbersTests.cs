using System.Globalization;
using Ledger.Core.Ingest;

namespace Ledger.Core.Tests.Ingest;

/// <summary>
/// A cell's number is what double.Parse with the invariant culture makes of it, bit for bit, and a text it refuses is
/// refused: plain decimals take a faster parser, and everything else must still be judged by .NET.
/// </summary>
public class CellNumbersTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("+0.0")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-.5e-3")]
    [InlineData("1E+05")]
    [InlineData("0.1")]
    [InlineData("9007199254740993")] // halfway between two doubles: ties to even
    [InlineData("2.2250738585072011e-308")] // just below the smallest normal double
    [InlineData("4.9e-324")]
    [InlineData("2.4703282292062328e-324")] // just above half the smallest subnormal: rounds up to it
    [InlineData("1e-400")]
    [InlineData("-1e-400")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("1.7976931348623159e308")] // rounds to infinity
    [InlineData("1e400")]
    [InlineData("000000000000000000000000000001.50000000000000000000000000000000000000001")]
    [InlineData(" 1.5")]
    [InlineData("1.5 ")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("e5")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("1_000")]
    [InlineData("0x10")]
    [InlineData("1.5.2")]
    [InlineData("--1")]
    [InlineData("١٢")] // Arabic-Indic digits
    [InlineData("１２")] // full-width digits
    public void A_cell_reads_as_double_Parse_reads_it(string text) => AssertAsDotNet(text);

    [Fact]
    public void Doubles_written_every_way_a_logger_writes_them_read_back_as_double_Parse_reads_them()
    {
        var random = new Random(41);
        string[] formats = ["R", "G17", "G6", "E3", "E16", "F2", "F12"];
        for (var i = 0; i < 20_000; i++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (!double.IsFinite(value))
                continue;
            foreach (var format in formats)
                AssertAsDotNet(value.ToString(format, CultureInfo.InvariantCulture));
            // A long decimal, past the 19 digits a fast path can hold, with an exponent.
            AssertAsDotNet(string.Create(CultureInfo.InvariantCulture, $"{random.NextInt64()}{random.NextInt64()}.{random.NextInt64()}e{random.Next(-340, 300)}"));
        }
    }

    private static void AssertAsDotNet(string text)
    {
        var expectedRead = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var read = CellNumbers.TryParse(text, out var value);
        Assert.True(expectedRead == read, $"'{text}': read {read}, double.Parse {expectedRead}");
        if (read)
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value), $"'{text}': {value:R} against {expected:R}");
    }
}
