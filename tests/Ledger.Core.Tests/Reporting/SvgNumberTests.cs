using System.Globalization;
using Ledger.Core.Reporting.Html;

namespace Ledger.Core.Tests.Reporting;

/// <summary>Coordinates are written as whole tenths, as the custom format "0.#" writes the rounded value, character for character.</summary>
public sealed class SvgNumberTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.04)]
    [InlineData(0.05)]
    [InlineData(-0.05)]
    [InlineData(0.25)]
    [InlineData(2.675)]
    [InlineData(9.95)]
    [InlineData(307.85)]
    [InlineData(-307.85)]
    [InlineData(720)]
    [InlineData(123456789.25)]
    [InlineData(1e14)]
    [InlineData(-1e300)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_coordinate_reads_as_the_format_0_dot_hash_of_its_value_rounded_to_a_tenth(double value)
    {
        var markup = new Svg(720, 384, null).Line(value, 0, 0, 0, "c").Close().Markup;

        Assert.Contains($"x1=\"{Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture)}\"", markup);
    }

    // InlineData would take -0.0 for a duplicate of 0.0.
    [Fact]
    public void Negative_zero_reads_as_the_format_0_dot_hash_writes_it() => A_coordinate_reads_as_the_format_0_dot_hash_of_its_value_rounded_to_a_tenth(-0.0);

    [Fact]
    public void Random_coordinates_read_as_the_format_0_dot_hash_of_their_values_rounded_to_a_tenth()
    {
        var random = new Random(5);
        for (var i = 0; i < 100_000; i++)
        {
            var value = (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 8));
            var markup = new Svg(720, 384, null).Line(value, 0, 0, 0, "c").Close().Markup;
            Assert.Contains($"x1=\"{Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture)}\"", markup);
        }
    }
}
