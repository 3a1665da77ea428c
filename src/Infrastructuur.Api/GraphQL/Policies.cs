using GraphQL.Builders;
using GraphQL.Types;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Authorization policy names carried as field metadata. Deny by default: a field with no policy (its own, or its
/// type's default) is refused by the enforcement rule, and a test walks the schema for unmarked fields.
/// </summary>
public static class Policies
{
    public const string MetadataKey = "infrastructuur:policy";
    public const string DefaultMetadataKey = "infrastructuur:default-policy";

    /// <summary>Anyone, including anonymous callers (published, public data).</summary>
    public const string Public = "public";

    /// <summary>Any signed-in caller; the resolver narrows further where it must.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Personal data: shown only to roles that need it, every read logged (security.md).</summary>
    public const string PersonalData = "personal-data";

    /// <summary>The resolver decides with the caller's database scope (own initiative, own organisation, own municipality).</summary>
    public const string Scoped = "scoped";

    /// <summary>Administrators only.</summary>
    public const string Admin = "admin";

    public static FieldBuilder<TSource, TReturn> Policy<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string policy)
    {
        field.FieldType.Metadata[MetadataKey] = policy;
        return field;
    }

    /// <summary>The policy for every field of this type that does not name its own.</summary>
    public static void DefaultPolicy(this IComplexGraphType type, string policy) => type.Metadata[DefaultMetadataKey] = policy;

    public static string? PolicyOf(IComplexGraphType type, FieldType field) =>
        field.GetMetadata<string?>(MetadataKey) ?? type.GetMetadata<string?>(DefaultMetadataKey);

    /// <summary>The policy names <see cref="PolicyEnforcement"/> knows; any other value counts as no policy.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Public, Authenticated, PersonalData, Scoped, Admin };

    /// <summary>GraphQL's own introspection types (__Schema, __Type …): public, as the schema is public documentation.</summary>
    public static bool IsIntrospection(IGraphType type) => type.Name.StartsWith("__", StringComparison.Ordinal);

    /// <summary>Every field of an object or interface type (the root types included) that carries no known policy, as "Type.field".</summary>
    public static IReadOnlyList<string> UnmarkedFields(ISchema schema) =>
        [.. schema.AllTypes
            .OfType<IComplexGraphType>()
            .Where(t => t is IObjectGraphType or IInterfaceGraphType && !IsIntrospection(t))
            .SelectMany(t => t.Fields.Where(f => PolicyOf(t, f) is not { } policy || !All.Contains(policy)).Select(f => $"{t.Name}.{f.Name}"))
            .Order(StringComparer.Ordinal)];
}
