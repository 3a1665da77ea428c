using GraphQL.Builders;
using Infrastructuur.Api.GraphQL.Limits;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>
/// Dashboard figures in the request's cost estimate (<see cref="QueryAnalyzer"/>): a cold section groups a whole
/// municipality's records over its period, seconds of database work, where the generic rule would count 1. So each
/// section field declares a weight, about its cold time on the 100,000-activity reference set (ADR 0011, README), and
/// <c>dashboard</c> multiplies what is selected below it by the years its period spans. The estimate is made before
/// anything runs, so a cached answer costs the same as a cold one: the budget bounds what a caller could make us compute.
/// </summary>
public static class DashboardCost
{
    /// <summary>The field's cost is its <paramref name="weight"/> plus what is selected below it.</summary>
    public static FieldBuilder<TSource, TReturn> Weight<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int weight) =>
        field.Costs((_, cost) => weight + cost);

    /// <summary>
    /// What is selected below the field counts once per year the period in argument <paramref name="scope"/> spans; a
    /// scope without a period is the current calendar year, one year.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> PerYearOf<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string scope) =>
        field.Costs((argument, cost) => 1 + (ScopeYears(argument(scope)) * Math.Max(cost - 1, 0)));

    /// <summary>
    /// <paramref name="weight"/> per year the period in argument <paramref name="filter"/> spans (an open or unknown
    /// period counts as <see cref="Scope.MaxYears"/>), plus the generic cost.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> WeightPerYearOf<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string filter, int weight) =>
        field.Costs((argument, cost) => (weight * Years(argument(filter))) + cost);

    private static FieldBuilder<TSource, TReturn> Costs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, FieldCost cost)
    {
        field.FieldType.Metadata[QueryAnalyzer.CostKey] = cost;
        return field;
    }

    /// <summary>The years a period {from, to} spans, from 1 to <see cref="Scope.MaxYears"/>; the maximum when either end is missing or not known before execution.</summary>
    public static int Years(object? period) =>
        period is IDictionary<string, object?> p && Day(p, "from") is { } from && Day(p, "to") is { } to ? Scope.YearsSpanned(from, to) : Scope.MaxYears;

    // Neither end given (left out, null, or a variable the request does not supply, which runs as null): the current
    // calendar year. One end alone is refused when the request runs; until then it counts as the maximum.
    private static int ScopeYears(object? scope) =>
        scope is IDictionary<string, object?> p && !p.Any(e => e.Key is "from" or "to" && e.Value is not null) ? 1 : Years(scope);

    private static DateOnly? Day(IDictionary<string, object?> period, string end) => period.TryGetValue(end, out var value) ? value switch
    {
        DateOnly day => day,
        string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day) => day,
        _ => null,
    } : null;
}
