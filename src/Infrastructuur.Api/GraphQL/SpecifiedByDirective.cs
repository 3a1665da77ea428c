using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// The spec's <c>@specifiedBy(url:)</c> (GraphQL October 2021), which GraphQL.NET 8 does not define: applied to every
/// custom scalar, printed in the SDL, and answered by <c>__Type.specifiedByURL</c> (see <see cref="IntrospectionGaps"/>).
/// </summary>
public sealed class SpecifiedByDirective : Directive
{
    public const string DirectiveName = "specifiedBy";

    public SpecifiedByDirective()
        : base(DirectiveName, DirectiveLocation.Scalar)
    {
        Description = "Names the specification of a custom scalar's format and behaviour by URL.";
        Arguments = new QueryArguments(new QueryArgument<NonNullGraphType<StringGraphType>>
        {
            Name = "url",
            Description = "The URL of the specification.",
        });
    }

    /// <summary>The URL a scalar names with @specifiedBy; null when it names none.</summary>
    public static string? UrlOf(ScalarGraphType scalar) =>
        scalar.FindAppliedDirective(DirectiveName)?.FindArgument("url")?.Value as string;
}

public static class SpecifiedByExtensions
{
    /// <summary>Applies @specifiedBy(url:) to the scalar.</summary>
    public static TScalar SpecifiedBy<TScalar>(this TScalar scalar, string url)
        where TScalar : ScalarGraphType
    {
        scalar.ApplyDirective(SpecifiedByDirective.DirectiveName, "url", url);
        return scalar;
    }
}
