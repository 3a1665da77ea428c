using GraphQL.Types;

namespace Infrastructuur.Api.Features.Shared;

/// <summary>A range of days, both ends included.</summary>
public sealed class DateRange
{
    public DateOnly From { get; set; }

    public DateOnly To { get; set; }
}

public sealed class DateRangeType : InputObjectGraphType<DateRange>
{
    public DateRangeType()
    {
        Name = "DateRange";
        Description = "A range of days, both ends included; 'from' may not be after 'to'.";
        Field<NonNullGraphType<DateOnlyGraphType>>("from").Description("The first day of the range.");
        Field<NonNullGraphType<DateOnlyGraphType>>("to").Description("The last day of the range.");
    }
}
