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
    public const string SubjectMetadataKey = "infrastructuur:personal-data-subject";

    /// <summary>Anyone, including anonymous callers (published, public data).</summary>
    public const string Public = "public";

    /// <summary>Any signed-in caller; the resolver narrows further where it must.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Personal data: shown only to roles that need it, every read logged (docs/security.md).</summary>
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

    /// <summary>
    /// Marks a field as personal data of the person <paramref name="subject"/> names. <see cref="PolicyEnforcement"/>
    /// then answers it only to callers <see cref="Features.Access.PersonalData"/> allows, logs the read, and gives
    /// everyone else null: the resolver itself only returns the value.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> PersonalDataOf<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Func<TSource, Guid?> subject)
    {
        field.FieldType.Metadata[SubjectMetadataKey] = new PersonalDataSubject(source => subject((TSource)source));
        return field.Policy(PersonalData);
    }

    /// <summary>Marks every field of a type as personal data of the person <paramref name="subject"/> names (see the field overload).</summary>
    public static void PersonalDataOf<TSource>(this IComplexGraphType type, Func<TSource, Guid?> subject)
    {
        type.DefaultPolicy(PersonalData);
        type.Metadata[SubjectMetadataKey] = new PersonalDataSubject(source => subject((TSource)source));
    }

    /// <summary>Whose personal data a field holds, declared on the field or its type; null when undeclared.</summary>
    public static PersonalDataSubject? SubjectOf(IComplexGraphType type, FieldType field) =>
        field.GetMetadata<PersonalDataSubject?>(SubjectMetadataKey) ?? type.GetMetadata<PersonalDataSubject?>(SubjectMetadataKey);

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

/// <summary>The person a personal-data field is about, found from the field's source object.</summary>
public sealed record PersonalDataSubject(Func<object, Guid?> Of);
