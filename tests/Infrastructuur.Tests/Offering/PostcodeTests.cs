using Infrastructuur.Api.Features.Shared;

namespace Infrastructuur.Tests.Offering;

/// <summary>The Dutch postcode value: the only way an address gets one, so no invalid postcode can be stored.</summary>
public sealed class PostcodeTests
{
    [Theory]
    [InlineData("3024 AB", "3024 AB")]
    [InlineData("3024ab", "3024 AB")]
    [InlineData(" 3024  aB ", "3024 AB")]
    [InlineData("1000 AA", "1000 AA")]
    [InlineData("9999 ZZ", "9999 ZZ")]
    public void Valid_postcodes_are_read_in_canonical_form(string text, string canonical)
    {
        Assert.True(Postcode.TryParse(text, out var postcode));
        Assert.Equal(canonical, postcode.Value);
        Assert.Equal(canonical, Postcode.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0123 AB")]
    [InlineData("302 AB")]
    [InlineData("30245 AB")]
    [InlineData("3024 A")]
    [InlineData("3024 A1")]
    [InlineData("3024-AB")]
    [InlineData("3024 ÄB")]
    [InlineData("3024 SA")]
    [InlineData("3024 sd")]
    [InlineData("3024 SS")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(Postcode.TryParse(text, out var postcode));
        Assert.Null(postcode);
        Assert.Throws<ArgumentException>(() => Postcode.Parse(text!));
    }
}
