using GraphQL.Types;

namespace Infrastructuur.Api.GraphQL;

/// <summary>GraphQL.NET's Decimal scalar, with the description every schema element must have.</summary>
public sealed class DescribedDecimalGraphType : DecimalGraphType
{
    public DescribedDecimalGraphType()
    {
        Name = "Decimal";
        Description = "An exact decimal number, written as a JSON number (e.g. coordinates, indicator values). Money uses the Money scalar.";
    }
}

/// <summary>GraphQL.NET's Long scalar, with a description.</summary>
public sealed class DescribedLongGraphType : LongGraphType
{
    public DescribedLongGraphType()
    {
        Name = "Long";
        Description = "A 64-bit whole number, written as a JSON number (e.g. share counts).";
    }
}
