using GraphQLParser.AST;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Tests.Funding;

/// <summary>The Money scalar's conversions: pure logic, no database.</summary>
public sealed class MoneyTests
{
    private readonly MoneyGraphType _money = new();

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(1L, "0.01")]
    [InlineData(30L, "0.30")]
    [InlineData(100L, "1.00")]
    [InlineData(1_234_567L, "12345.67")]
    [InlineData(-250L, "-2.50")]
    public void Cents_become_euros_with_exactly_two_decimals(long cents, string euros)
    {
        var value = MoneyGraphType.ToEuros(cents);
        Assert.Equal(euros, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(cents, MoneyGraphType.ToCents(value));
    }

    [Fact]
    public void Summing_cents_is_exact_where_doubles_are_not()
    {
        Assert.NotEqual(0.3, 0.1 + 0.2);
        Assert.Equal(0.30m, MoneyGraphType.ToEuros(MoneyGraphType.ToCents(0.10m) + MoneyGraphType.ToCents(0.20m)));
    }

    [Fact]
    public void Input_is_read_exactly_from_literals_variables_and_strings()
    {
        Assert.Equal(12345.67m, _money.ParseLiteral(new GraphQLFloatValue("12345.67")));
        Assert.Equal(12.00m, _money.ParseLiteral(new GraphQLIntValue(12)));
        Assert.Equal(0.10m, _money.ParseLiteral(new GraphQLStringValue("0.1")));
        Assert.Equal(12345.67m, _money.ParseValue(12345.67));
        Assert.Equal(12345.67m, _money.ParseValue(12345.67m));
        Assert.Equal(0.30m, _money.ParseValue("0.30"));
        Assert.Equal(5.00m, _money.ParseValue(5L));
        Assert.Equal("0.30", ((decimal)_money.Serialize(0.3m)!).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_fraction_of_a_cent_or_a_non_number_is_refused_not_rounded()
    {
        Assert.Throws<FormatException>(() => MoneyGraphType.ToCents(0.005m));
        Assert.False(_money.CanParseLiteral(new GraphQLFloatValue("1.005")));
        Assert.False(_money.CanParseValue(1.005));
        Assert.False(_money.CanParseValue("1.005"));
        Assert.False(_money.CanParseValue("twelve"));
        Assert.False(_money.CanParseValue(true));
        Assert.False(_money.CanParseValue(1e30));
        Assert.ThrowsAny<Exception>(() => _money.Serialize(1.5));
    }
}
