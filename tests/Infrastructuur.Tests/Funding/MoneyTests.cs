using GraphQLParser.AST;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Tests.Funding;

/// <summary>The exact scalars' conversions (Money, Long): pure logic, no database. Over HTTP: ScalarContractTests.</summary>
public sealed class MoneyTests
{
    private readonly MoneyGraphType _money = new();
    private readonly DescribedLongGraphType _long = new();

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(1L, "0.01")]
    [InlineData(30L, "0.30")]
    [InlineData(100L, "1.00")]
    [InlineData(1_234_567L, "12345.67")]
    [InlineData(16_000_000L, "160000.00")]
    [InlineData(-250L, "-2.50")]
    public void Cents_become_euros_with_exactly_two_decimals_written_as_a_string(long cents, string euros)
    {
        var value = MoneyGraphType.ToEuros(cents);
        Assert.Equal(euros, _money.Serialize(value));
        Assert.Equal(cents, MoneyGraphType.ToCents(value));
    }

    [Fact]
    public void Summing_cents_is_exact_where_doubles_are_not()
    {
        Assert.NotEqual(0.3, 0.1 + 0.2);
        Assert.Equal(0.30m, MoneyGraphType.ToEuros(MoneyGraphType.ToCents(0.10m) + MoneyGraphType.ToCents(0.20m)));
    }

    [Fact]
    public void Input_is_a_string_or_a_whole_number()
    {
        Assert.Equal(0.10m, _money.ParseLiteral(new GraphQLStringValue("0.1")));
        Assert.Equal(12.00m, _money.ParseLiteral(new GraphQLIntValue(12)));
        Assert.Equal(0.30m, _money.ParseValue("0.30"));
        Assert.Equal(5.00m, _money.ParseValue(5L));
        Assert.Equal(5.00m, _money.ParseValue(5));
        Assert.Equal(1000.00m, _money.ParseValue(1000.0));
    }

    [Fact]
    public void A_fraction_of_a_cent_a_number_with_a_fraction_or_a_non_number_is_refused_not_rounded()
    {
        Assert.Throws<FormatException>(() => MoneyGraphType.ToCents(0.005m));
        Assert.False(_money.CanParseValue("1.005"));
        Assert.False(_money.CanParseValue(12345.67));
        Assert.False(_money.CanParseLiteral(new GraphQLFloatValue("12345.67")));
        Assert.False(_money.CanParseValue("1e3"));
        Assert.False(_money.CanParseValue(" 1"));
        Assert.False(_money.CanParseValue("twelve"));
        Assert.False(_money.CanParseValue(true));
        Assert.False(_money.CanParseValue(1e30));
        Assert.ThrowsAny<Exception>(() => _money.Serialize(1.5));
    }

    /// <summary>2^53 + 1 is the first whole number a JavaScript number cannot hold: as a string it goes out and back unchanged.</summary>
    [Fact]
    public void A_long_above_2_to_the_53_round_trips_exactly_as_a_string()
    {
        const long beyond = 9_007_199_254_740_993;
        Assert.NotEqual(beyond, (long)(double)beyond);
        Assert.Equal("9007199254740993", _long.Serialize(beyond));
        Assert.Equal(beyond, _long.ParseValue("9007199254740993"));
        Assert.Equal(beyond, _long.ParseLiteral(new GraphQLStringValue("9007199254740993")));
        Assert.Equal(long.MinValue, _long.ParseValue(_long.Serialize(long.MinValue)));
        Assert.False(_long.CanParseValue(9_007_199_254_740_993L));
        Assert.False(_long.CanParseValue("+1"));
        Assert.False(_long.CanParseValue("1.0"));
        Assert.False(_long.CanParseValue("9223372036854775808"));
    }
}
